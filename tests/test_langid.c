/* Tests of src/langid.c: language identification and language codes. */
#include "test.h"
#include "langid.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Test sentences, written for these tests. */
static const struct {
    rc_lang want;
    const char *text;
} cases[] = {
    {RC_LANG_FR, "Le président de la République a annoncé mardi une réforme des retraites."},
    {RC_LANG_FR, "Les députés ont voté le texte dans la nuit, malgré l'opposition de la gauche."},
    {RC_LANG_FR, "le president a declare que le gouvernement ne reculerait pas"},
    {RC_LANG_FR, "LE PRESIDENT A DECLARE QUE LA REFORME SERAIT MAINTENUE"},
    {RC_LANG_FR, "Macron annonce une réforme des retraites"},
    {RC_LANG_FR, "Incendie à Marseille : trois blessés dans un immeuble"},
    {RC_LANG_FR, "Il fait très beau aujourd'hui et nous allons nous promener au bord de la mer."},
    {RC_LANG_FR, "Selon la police, plusieurs milliers de personnes ont manifesté samedi."},
    {RC_LANG_FR, "Grève à la SNCF : le trafic sera très perturbé jeudi"},
    {RC_LANG_EN, "The president said on Tuesday that the government would not back down."},
    {RC_LANG_EN, "Lawmakers voted on the bill late at night despite opposition from the left."},
    {RC_LANG_EN, "Biden signs climate bill into law"},
    {RC_LANG_EN, "Stocks fall as investors worry about interest rates"},
    {RC_LANG_EN, "He told reporters that \"c'est la vie\" was all he could say about the defeat."},
    {RC_LANG_EN, "Fire in Marseille leaves three people injured"},
    {RC_LANG_EN, "Apple unveils new iPhone with a faster chip"},
    {RC_LANG_DE, "Der Bundeskanzler hat am Dienstag eine neue Rentenreform angekündigt."},
    {RC_LANG_DE, "Die Abgeordneten stimmten in der Nacht trotz des Widerstands der Opposition für das Gesetz."},
    {RC_LANG_DE, "Scholz trifft Macron in Berlin zu Gesprächen über die Energiekrise"},
    {RC_LANG_DE, "Brand in Hamburg: drei Verletzte nach Explosion"},
    {RC_LANG_ES, "El presidente anunció el martes una reforma de las pensiones."},
    {RC_LANG_ES, "Los diputados votaron el texto durante la noche pese a la oposición de la izquierda."},
    {RC_LANG_ES, "¿Quién ganará las elecciones en España?"},
    {RC_LANG_ES, "Incendio en Madrid deja tres heridos"},
    {RC_LANG_ES, "el gobierno dijo que no habra cambios en la ley"},
    {RC_LANG_IT, "Il presidente ha annunciato martedì una riforma delle pensioni."},
    {RC_LANG_IT, "I deputati hanno votato il testo durante la notte nonostante l'opposizione della sinistra."},
    {RC_LANG_IT, "Incendio a Milano, tre feriti nel palazzo"},
    {RC_LANG_IT, "il governo ha detto che non ci saranno cambiamenti"},
    {RC_LANG_PT, "O presidente anunciou na terça-feira uma reforma das aposentadorias."},
    {RC_LANG_PT, "Os deputados votaram o texto durante a noite, apesar da oposição da esquerda."},
    {RC_LANG_PT, "Incêndio em Lisboa deixa três feridos"},
    {RC_LANG_PT, "o governo disse que não haverá mudanças na lei"},
    {RC_LANG_NL, "De minister-president heeft dinsdag een nieuwe hervorming van de pensioenen aangekondigd."},
    {RC_LANG_NL, "De Kamerleden stemden 's nachts over het wetsvoorstel, ondanks het verzet van de oppositie."},
    {RC_LANG_NL, "Brand in Amsterdam: drie gewonden na explosie in woning"},
    {RC_LANG_NL, "het kabinet zegt dat er geen veranderingen komen in de wet"},
    {RC_LANG_OTHER, "Президент объявил во вторник о пенсионной реформе."},
    {RC_LANG_OTHER, "أعلن الرئيس يوم الثلاثاء عن إصلاح نظام التقاعد"},
    {RC_LANG_OTHER, "总统周二宣布了养老金改革。"},
    {RC_LANG_OTHER, "Ο πρόεδρος ανακοίνωσε την Τρίτη μεταρρύθμιση των συντάξεων."},
    {RC_LANG_OTHER, "Prezydent ogłosił we wtorek reformę emerytalną, która wywołała protesty."},
    {RC_LANG_OTHER, "Cumhurbaşkanı salı günü emeklilik reformunu açıkladı ve muhalefet tepki gösterdi."},
    {RC_LANG_OTHER, "Regeringen meddelade på tisdagen att pensionsreformen skjuts upp för att det inte finns stöd."},
    {RC_LANG_UND, "Bonjour"},
    {RC_LANG_UND, "Hello world"},
    {RC_LANG_UND, "12 345 678 !!! ..."},
    {RC_LANG_UND, ""},
    {RC_LANG_UND, "   \n\t  "},
};

TEST(langid_sentences)
{
    int bad = 0, n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        double conf = -1;
        rc_lang got = rc_langid(cases[i].text, strlen(cases[i].text), &conf);
        if (got != cases[i].want || conf < 0 || conf > 1) {
            fprintf(stderr, "  langid(%s) = %s (%.2f), want %s\n", cases[i].text,
                    rc_lang_code(got), conf, rc_lang_code(cases[i].want));
            bad++;
        }
        if (got == RC_LANG_UND && conf != 0)
            bad++;
    }
    fprintf(stderr, "  langid: %d/%d test sentences right\n", n - bad, n);
    CHECK_INT(bad, 0);
}

TEST(langid_null_and_confidence)
{
    double conf = 5;
    CHECK_INT(rc_langid(NULL, 0, &conf), RC_LANG_UND);
    CHECK(conf == 0);
    CHECK_INT(rc_langid("abc", 3, NULL), RC_LANG_UND);
    const char *shorttext = "Macron annonce une réforme des retraites";
    const char *longtext =
        "Le gouvernement a présenté mercredi en Conseil des ministres son projet de loi "
        "sur l'énergie. Selon le texte, les centrales seront prolongées de dix ans et les "
        "nouveaux réacteurs seront construits plus vite. Les écologistes dénoncent un choix "
        "qui engage le pays pour des décennies, tandis que la majorité y voit une garantie "
        "pour le pouvoir d'achat des ménages et pour le climat.";
    double c1, c2;
    CHECK_INT(rc_langid(shorttext, strlen(shorttext), &c1), RC_LANG_FR);
    CHECK_INT(rc_langid(longtext, strlen(longtext), &c2), RC_LANG_FR);
    CHECK(c1 > 0 && c1 <= 1);
    CHECK(c2 > c1);
    CHECK(c2 > 0.6);
}

TEST(langid_long_text_sampled)
{
    /* 2 MB: only the start is read, so it is fast; the cut lands inside a
     * multi-byte character on purpose. */
    const char *p = "L'équipe de France a battu l'Allemagne hier soir à Lyon. ";
    size_t k = strlen(p), n = ((size_t)2 << 20) / k;
    char *buf = malloc(n * k + 1);
    CHECK(buf != NULL);
    for (size_t i = 0; i < n; i++)
        memcpy(buf + i * k, p, k);
    double conf;
    rc_lang l = rc_langid(buf, n * k, &conf);
    rc_lang l2 = rc_langid(buf + 1, (size_t)16 << 10, &conf);
    free(buf);
    CHECK_INT(l, RC_LANG_FR);
    CHECK_INT(l2, RC_LANG_FR);
}

TEST(langid_mixed_and_scores)
{
    const char *t = "The mayor said the plan was, in her words, \"une catastrophe absolue\", "
                    "and that the city would appeal the ruling next week.";
    CHECK_INT(rc_langid(t, strlen(t), NULL), RC_LANG_EN);
    double sc[RC_LANG_COUNT_];
    size_t words = 0;
    rc_langid_scores(t, strlen(t), sc, &words);
    CHECK(words >= 20);
    CHECK(sc[RC_LANG_EN] > sc[RC_LANG_FR]);
    CHECK(sc[RC_LANG_FR] > 0);
    /* Mostly Russian with a few Latin words is still other. */
    const char *ru = "Компания Apple представила новый iPhone в Москве сегодня утром";
    CHECK_INT(rc_langid(ru, strlen(ru), NULL), RC_LANG_OTHER);
}

TEST(langid_function_words)
{
    CHECK(rc_langid_is_function_word("The", 3));
    CHECK(rc_langid_is_function_word("Le", 2));
    CHECK(rc_langid_is_function_word("Il", 2));
    CHECK(rc_langid_is_function_word("DIE", 3));
    CHECK(!rc_langid_is_function_word("Army", 4));
    CHECK(!rc_langid_is_function_word("Kennedy", 7));
    CHECK(!rc_langid_is_function_word("", 0));
}

TEST(langid_codes)
{
    static const struct {
        const char *in;
        rc_lang want;
    } c[] = {
        {"fr", RC_LANG_FR}, {"FR", RC_LANG_FR}, {"fr-FR", RC_LANG_FR}, {"fr_CA", RC_LANG_FR},
        {"french", RC_LANG_FR}, {"French", RC_LANG_FR}, {"français", RC_LANG_FR},
        {"FRANÇAIS", RC_LANG_FR}, {" fr ", RC_LANG_FR}, {"fra", RC_LANG_FR},
        {"en", RC_LANG_EN}, {"en-US", RC_LANG_EN}, {"english", RC_LANG_EN}, {"EN_gb", RC_LANG_EN},
        {"de-DE", RC_LANG_DE}, {"deutsch", RC_LANG_DE}, {"es", RC_LANG_ES}, {"español", RC_LANG_ES},
        {"it", RC_LANG_IT}, {"pt-BR", RC_LANG_PT}, {"português", RC_LANG_PT},
        {"nl-BE", RC_LANG_NL}, {"dutch", RC_LANG_NL}, {"other", RC_LANG_OTHER},
        {"und", RC_LANG_UND}, {"", RC_LANG_UND}, {"xx", RC_LANG_UND}, {"-fr", RC_LANG_UND},
        {"klingon", RC_LANG_UND}, {"f", RC_LANG_UND}, {"fr\xFF", RC_LANG_UND},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        rc_lang got = rc_lang_from_code(rc_str_c(c[i].in));
        if (got != c[i].want)
            fprintf(stderr, "  from_code(\"%s\") = %s\n", c[i].in, rc_lang_code(got));
        CHECK_INT(got, c[i].want);
    }
    CHECK_INT(rc_lang_from_code(RC_STR_NULL), RC_LANG_UND);
    CHECK(strcmp(rc_lang_code(RC_LANG_FR), "fr") == 0);
    CHECK(strcmp(rc_lang_code(RC_LANG_NL), "nl") == 0);
    CHECK(strcmp(rc_lang_code(RC_LANG_OTHER), "other") == 0);
    CHECK(strcmp(rc_lang_code(RC_LANG_UND), "und") == 0);
    CHECK(strcmp(rc_lang_code((rc_lang)99), "und") == 0);
    for (int l = 0; l < RC_LANG_COUNT_; l++)
        CHECK_INT(rc_lang_from_code(rc_str_c(rc_lang_code((rc_lang)l))), l);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

TEST(langid_speed)
{
    /* Documents of ~3 KB (shorter than the sample): the worst case per byte. */
    char doc[3200];
    size_t n = 0;
    while (n + 120 < sizeof doc) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0] && n + 120 < sizeof doc; i += 5) {
            size_t k = strlen(cases[i].text);
            if (n + k + 1 >= sizeof doc)
                break;
            memcpy(doc + n, cases[i].text, k);
            n += k;
            doc[n++] = ' ';
        }
    }
    double t0 = now(), total = 0;
    int runs = 0;
    while (now() - t0 < 0.3) {
        for (int i = 0; i < 100; i++)
            (void)rc_langid(doc, n, NULL);
        runs += 100;
        total += 100.0 * (double)n;
    }
    double mbs = total / 1e6 / (now() - t0);
    fprintf(stderr, "  langid: %.0f MB/s on %zu-byte documents (%d runs)\n", mbs, n, runs);
    CHECK(mbs > 5);   /* a sanity floor only: sanitizer builds are slow */
}
