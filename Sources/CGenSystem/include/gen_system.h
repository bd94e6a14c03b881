#ifndef GEN_SYSTEM_H
#define GEN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 when the system cannot do it (then errno is set).
int gen_exchange_paths(const char *a, const char *b);

#include <stddef.h>

/// Registers a read-only file mapping: if the file shrinks while gen reads it, touching
/// the lost pages raises SIGBUS; gen then reports the file by name and exits with
/// status 1 (nothing has been written yet) instead of crashing.
void gen_watch_mapping(const void *start, size_t length, const char *path);

/// Forgets a mapping registered with gen_watch_mapping (before it is unmapped).
void gen_unwatch_mapping(const void *start);

/// Limits glibc's malloc to `arenas` arenas (no effect elsewhere). For the long-running
/// `gen serve`: the default, eight per core, lets fragmentation grow resident memory.
void gen_limit_malloc_arenas(int arenas);

#endif
