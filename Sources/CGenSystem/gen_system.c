#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "gen_system.h"

int gen_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
  return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
  errno = ENOSYS;
  return -1;
#endif
}

/* Mappings whose files may shrink under them. Registration takes a lock; the signal
   handler only reads the table (async-signal-safe: no lock, no allocation). */
#define GEN_MAPPINGS 256
static struct {
  volatile uintptr_t start, end;
  char path[1024];
} gen_mappings[GEN_MAPPINGS];
static pthread_mutex_t gen_mappings_lock = PTHREAD_MUTEX_INITIALIZER;
static int gen_sigbus_installed;

static void gen_write(const char *text) {
  size_t n = strlen(text);
  while (n > 0) {
    ssize_t k = write(2, text, n);
    if (k <= 0) return;
    text += k;
    n -= (size_t)k;
  }
}

static void gen_on_sigbus(int sig, siginfo_t *info, void *context) {
  (void)context;
  uintptr_t address = (uintptr_t)info->si_addr;
  for (int i = 0; i < GEN_MAPPINGS; i++) {
    if (gen_mappings[i].start != 0 && address >= gen_mappings[i].start && address < gen_mappings[i].end) {
      gen_write("gen: error: ");
      gen_write(gen_mappings[i].path);
      gen_write(" became shorter while gen was reading it (it is being written?); "
                "nothing was written: build again once the file is complete\n");
      _exit(1);
    }
  }
  /* Not a data file: the default action (a crash, as before). */
  signal(sig, SIG_DFL);
  raise(sig);
}

void gen_watch_mapping(const void *start, size_t length, const char *path) {
  pthread_mutex_lock(&gen_mappings_lock);
  if (!gen_sigbus_installed) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = gen_on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, NULL);
    gen_sigbus_installed = 1;
  }
  for (int i = 0; i < GEN_MAPPINGS; i++) {
    if (gen_mappings[i].start == 0) {
      strncpy(gen_mappings[i].path, path, sizeof gen_mappings[i].path - 1);
      gen_mappings[i].path[sizeof gen_mappings[i].path - 1] = 0;
      gen_mappings[i].end = (uintptr_t)start + length;
      gen_mappings[i].start = (uintptr_t)start;
      break;
    }
  }
  pthread_mutex_unlock(&gen_mappings_lock);
}

void gen_unwatch_mapping(const void *start) {
  pthread_mutex_lock(&gen_mappings_lock);
  for (int i = 0; i < GEN_MAPPINGS; i++) {
    if (gen_mappings[i].start == (uintptr_t)start) {
      gen_mappings[i].start = 0;
      gen_mappings[i].end = 0;
    }
  }
  pthread_mutex_unlock(&gen_mappings_lock);
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void gen_limit_malloc_arenas(int arenas) {
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, arenas);
#else
  (void)arenas;
#endif
}
