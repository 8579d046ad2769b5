/* Tests of incremental story clustering (src/stories.c) and of its
 * persistence and export through the store. */
#include "test.h"
#include "stories.h"
#include "segment.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int vec(rc_stories *s, rc_arena *a, const char *title, rc_lang lang, rc_st_vec *v)
{
    rc_str t = rc_str_c(title);
    rc_token *toks;
    size_t n;
    if (rc_tokenize(a, t, &toks, &n))
        return -1;
    return rc_stories_vector(s, t, t, toks, n, lang, NULL, 0, 1, a, v);
}

static const char *const HEAD[] = {
    "Juan Pablo picks Nikki in the Bachelor finale",
    "Weather service warns of snow storm in Chicago",
    "Bachelor finale: Juan Pablo gives final rose to Nikki",
    "Chicago braces for heavy snow storm this weekend",
    "Le designer de l'iPhone Jony Ive quitte Apple",
    "Jony Ive, designer de l'iPhone, va quitter Apple",
};

TEST(stories_same_joins_different_splits)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    int64_t id[6];
    for (int i = 0; i < 6; i++) {
        rc_st_vec v;
        int created;
        CHECK_INT(vec(s, a, HEAD[i], i >= 4 ? RC_LANG_FR : RC_LANG_EN, &v), 0);
        CHECK(v.n > 0);
        CHECK_INT(rc_stories_assign(s, &v, 1000 + i, 0, &id[i], &created), 0);
    }
    CHECK(id[0] == id[2]);
    CHECK(id[1] == id[3]);
    CHECK(id[4] == id[5]);
    CHECK(id[0] != id[1]);
    CHECK(id[0] != id[4] && id[1] != id[4]);
    rc_arena_free(a);
    rc_stories_free(s);
}

TEST(stories_time_window)
{
    rc_stories *s = rc_stories_new();
    rc_arena *a = rc_arena_new(0);
    CHECK(s && a);
    rc_st_vec v;
    int64_t x, y, z;
    int created;
    CHECK_INT(vec(s, a, HEAD[0], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 0, 0, &x, &created), 0);
    CHECK_INT(created, 1);
    CHECK_INT(vec(s, a, HEAD[2], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 10 * 86400, 0, &y, &created), 0);
    CHECK(x != y);                       /* ten days later: another story */
    CHECK_INT(vec(s, a, HEAD[0], RC_LANG_EN, &v), 0);
    CHECK_INT(rc_stories_assign(s, &v, 11 * 86400, 0, &z, &created), 0);
    CHECK(z == y);                       /* but it follows the recent one */
    CHECK_INT(rc_stories_expire(s, 5 * 86400), 0);
    rc_story_state st;
    CHECK_INT(rc_stories_get(s, x, &st), RC_ENOTFOUND);
    CHECK_INT(rc_stories_get(s, y, &st), 0);
    CHECK_INT(st.n_docs, 2);
    rc_arena_free(a);
    rc_stories_free(s);
}

/* ------------------------------------------------------------------ through the store */

typedef struct sdoc {
    rc_doc d;
    rc_token *toks;
} sdoc;

static void mk(sdoc *x, rc_arena *a, const char *id, const char *title, const char *text,
               const char *published, rc_lang lang)
{
    memset(x, 0, sizeof *x);
    x->d.id = rc_str_c(id);
    x->d.title = rc_str_c(title);
    x->d.text = rc_str_c(text);
    x->d.published = rc_str_c(published);
    x->d.lang = lang;
    x->d.text_hash = rc_hash(text, strlen(text), 0);
    size_t n = 0;
    rc_tokenize(a, x->d.text, &x->toks, &n);
    x->d.toks = x->toks;
    x->d.n_toks = n;
}

static json_t *export_json(rc_store *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = rc_store_export(s, f);
    fclose(f);
    json_t *j = rc ? NULL : json_loads(buf, 0, NULL);
    free(buf);
    return j;
}

static const char *story_of(json_t *exp, const char *id)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(exp, "docs"), i, d)
        if (strcmp(json_string_value(json_object_get(d, "id")), id) == 0)
            return json_string_value(json_object_get(d, "story"));
    return NULL;
}

TEST(stories_stable_across_ingests_and_export)
{
    char dir[] = "/tmp/rc-stories-XXXXXX", path[64];
    CHECK(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    rc_arena *a = rc_arena_new(0);
    int err;
    rc_store *s = rc_store_open(path, &err, NULL);
    CHECK(s && a);
    sdoc x;
    rc_put_result r;
    static const char *const text[] = {
        "Juan Pablo gave the final rose to Nikki Ferrell on Monday night in the Bachelor finale.",
        "A storm will bring heavy snow to Chicago on Saturday, the weather service warned.",
        "In the Bachelor finale Juan Pablo chose Nikki Ferrell but did not propose.",
    };
    CHECK_INT(rc_store_begin(s), 0);
    mk(&x, a, "d1", HEAD[0], text[0], "2014-03-11T08:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    mk(&x, a, "d2", HEAD[1], text[1], "2014-03-11T09:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    /* An exact copy of d1 joins d1's story. */
    mk(&x, a, "d1copy", "Copy", text[0], "2014-03-11T10:00:00Z", RC_LANG_EN);
    CHECK_INT(rc_store_put(s, &x.d, &r, NULL), 0);
    CHECK_INT(rc_store_commit(s), 0);
    rc_store_close(s);

    s = rc_store_open(path, &err, NULL);
    CHECK(s);
    mk(&x, a, "d3", HEAD[2], text[2], "2014-03-12T08:00:00Z", RC_LANG_EN);
    int prc = rc_store_put(s, &x.d, &r, NULL);
    if (prc)
        fprintf(stderr, "put: %s\n", rc_store_errmsg(s));
    CHECK_INT(prc, 0);
    json_t *exp = export_json(s);
    CHECK(exp);
    const char *s1 = story_of(exp, "d1"), *s2 = story_of(exp, "d2");
    CHECK(s1 && s2 && strcmp(s1, s2) != 0);
    CHECK(story_of(exp, "d3") && strcmp(story_of(exp, "d3"), s1) == 0);
    CHECK(story_of(exp, "d1copy") && strcmp(story_of(exp, "d1copy"), s1) == 0);
    json_t *stories = json_object_get(exp, "stories");
    CHECK_INT(json_array_size(stories), 2);
    json_t *st = json_array_get(stories, 0);
    CHECK(strcmp(json_string_value(json_object_get(st, "id")), s1) == 0);
    CHECK_INT(json_array_size(json_object_get(st, "docs")), 3);
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "first_published"))),
              "2014-03-11T08:00:00Z");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "last_published"))),
              "2014-03-12T08:00:00Z");
    CHECK_STR(rc_str_c(json_string_value(json_object_get(st, "title"))), HEAD[0]);
    json_decref(exp);
    rc_store_close(s);
    rc_arena_free(a);
    char p[96];
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}
