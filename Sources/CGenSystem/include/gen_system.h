#ifndef GEN_SYSTEM_H
#define GEN_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 when the system cannot do it (then errno is set).
int gen_exchange_paths(const char *a, const char *b);

#endif
