#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
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
  volatile sig_atomic_t cut;
  char path[1024];
} gen_mappings[GEN_MAPPINGS];
static uintptr_t gen_page_size;
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
    uintptr_t start = gen_mappings[i].start, end = gen_mappings[i].end;
    if (start != 0 && address >= start && address < end) {
      /* The file shrank under its mapping. Zero pages take the place of the lost ones,
         so the read goes on to its end; the reader then finds the file changed
         (gen_mapping_was_cut, its size) and reports it. gen serve lives on. */
      uintptr_t page = address & ~(gen_page_size - 1);
      void *zeros = mmap((void *)page, end - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
      if (zeros != MAP_FAILED) {
        gen_mappings[i].cut = 1;
        return;
      }
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
    gen_page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
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
      gen_mappings[i].cut = 0;
      gen_mappings[i].start = (uintptr_t)start;
      break;
    }
  }
  pthread_mutex_unlock(&gen_mappings_lock);
}

int gen_mapping_was_cut(const void *start) {
  int cut = 0;
  pthread_mutex_lock(&gen_mappings_lock);
  for (int i = 0; i < GEN_MAPPINGS; i++) {
    if (gen_mappings[i].start == (uintptr_t)start) cut = gen_mappings[i].cut;
  }
  pthread_mutex_unlock(&gen_mappings_lock);
  return cut;
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
