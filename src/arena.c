/*
 * arena.c -- bump allocator for per-document work.
 *
 * A document's processing makes many small allocations (spans, tokens,
 * copies of metadata strings) that all die together.  The arena hands them
 * out from large blocks and frees them in one rc_arena_reset().  Requests
 * larger than a block get a block of their own.  Reset keeps the first
 * (default-sized) block so that steady-state processing does not call malloc.
 */
#include "recoupe.h"

#include <stdlib.h>
#include <string.h>

#define RC_ARENA_ALIGN 16
#define RC_ARENA_DEFAULT_BLOCK ((size_t)256 << 10)

typedef struct rc_block {
    struct rc_block *next;
    size_t size;     /* usable bytes after the header */
    size_t used;
    /* data follows, aligned */
} rc_block;

struct rc_arena {
    rc_block *head;      /* current block (most recent) */
    rc_block *first;     /* the default-sized block kept across resets */
    size_t block_size;
    size_t used_total;
};

#define RC_BLOCK_HDR ((sizeof(rc_block) + RC_ARENA_ALIGN - 1) & ~(size_t)(RC_ARENA_ALIGN - 1))

static rc_block *block_new(size_t size)
{
    if (size > SIZE_MAX - RC_BLOCK_HDR)
        return NULL;
    rc_block *b = malloc(RC_BLOCK_HDR + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

rc_arena *rc_arena_new(size_t block_size)
{
    rc_arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->block_size = block_size ? block_size : RC_ARENA_DEFAULT_BLOCK;
    a->head = block_new(a->block_size);
    if (!a->head) {
        free(a);
        return NULL;
    }
    a->first = a->head;
    return a;
}

void rc_arena_free(rc_arena *a)
{
    if (!a)
        return;
    rc_block *b = a->head;
    while (b) {
        rc_block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void rc_arena_reset(rc_arena *a)
{
    /* Keep the first (default-sized) block, free the rest. */
    rc_block *b = a->head;
    while (b) {
        rc_block *n = b->next;
        if (b != a->first)
            free(b);
        b = n;
    }
    a->head = a->first;
    a->first->next = NULL;
    a->first->used = 0;
    a->used_total = 0;
}

void *rc_arena_alloc(rc_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - RC_ARENA_ALIGN)
        return NULL;
    n = (n + RC_ARENA_ALIGN - 1) & ~(size_t)(RC_ARENA_ALIGN - 1);
    rc_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t sz = n > a->block_size ? n : a->block_size;
        rc_block *nb = block_new(sz);
        if (!nb)
            return NULL;
        if (b && n > a->block_size) {
            /* A big request: put its block behind the current one so the
             * current block's free space is still used. */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            a->used_total += n;
            return (char *)nb + RC_BLOCK_HDR;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = (char *)b + RC_BLOCK_HDR + b->used;
    b->used += n;
    a->used_total += n;
    return p;
}

void *rc_arena_calloc(rc_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = rc_arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *rc_arena_strndup(rc_arena *a, const char *s, size_t n)
{
    char *p = rc_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

rc_str rc_arena_str(rc_arena *a, rc_str s)
{
    if (!s.ptr)
        return RC_STR_NULL;
    char *p = rc_arena_strndup(a, s.ptr, s.len);
    return p ? (rc_str){p, s.len} : RC_STR_NULL;
}

size_t rc_arena_used(const rc_arena *a)
{
    return a->used_total;
}
