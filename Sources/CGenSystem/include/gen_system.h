#ifndef GEN_SYSTEM_H
#define GEN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 when the system cannot do it (then errno is set).
int gen_exchange_paths(const char *a, const char *b);

#include <stddef.h>

/// Registers a read-only file mapping: if the file shrinks while gen reads it, touching
/// the lost pages raises SIGBUS; the handler puts zero pages in their place, so the
/// read ends normally, and marks the mapping cut (gen_mapping_was_cut). Only if that
/// fails does gen report the file by name and exit with status 1 (nothing written).
void gen_watch_mapping(const void *start, size_t length, const char *path);

/// Whether a registered mapping lost pages to its file shrinking (1) or not (0).
int gen_mapping_was_cut(const void *start);

/// Forgets a mapping registered with gen_watch_mapping (before it is unmapped).
void gen_unwatch_mapping(const void *start);

/// Limits glibc's malloc to `arenas` arenas (no effect elsewhere). For the long-running
/// `gen serve`: the default, eight per core, lets fragmentation grow resident memory.
void gen_limit_malloc_arenas(int arenas);

#endif
