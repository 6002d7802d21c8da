/* categories.c: what each of the law-enforcement library's 18 categories
 * covers, as the download page introduces it (same order as parse_categories). */
#include "site.h"

#include "../parse/parse.h"

const char *const site_category_text[PARSE_N_CATEGORIES] = {
    "Ways of policing drug markets other than arrest and seizure: diversion, "
    "cautioning, focused deterrence and partnership with health services.",
    "How pressure on production or trafficking in one place pushes it to another "
    "region, route or drug instead of ending it.",
    "How illicit drug money buys officials, police and courts, and what keeps "
    "enforcement agencies honest.",
    "What enforcement strategies cost the public purse, and how the spending "
    "compares with what it achieves.",
    "Forced and voluntary destruction of coca, opium poppy and cannabis crops, "
    "and its effects on farmers and supply.",
    "Prevention, treatment and other efforts to lower the number of people who "
    "use drugs or the amount they use.",
    "Unequal treatment of people who use drugs by police, courts and services, "
    "and how it can be ended.",
    "Violence between and by drug-trafficking groups, and enforcement choices "
    "that make it worse or better.",
    "Effects of enforcement on livelihoods, trade, investment and the wider "
    "economy, legal and illegal.",
    "Damage to forests, soil, water and health from spraying, eradication and "
    "displaced production.",
    "Needle and syringe programmes, opioid substitution, overdose prevention and "
    "how police can support them.",
    "How enforcement affects HIV, hepatitis, overdose and the health of "
    "communities as well as of people who use drugs.",
    "Abuses committed in the name of drug control: torture, arbitrary detention, "
    "compulsory treatment and the death penalty.",
    "The UN drug conventions, human rights treaties and the room they leave "
    "governments for other policies.",
    "How criminal organisations run drug markets, and strategies that weaken "
    "them without multiplying violence.",
    "Sentencing, mandatory minimums and prison for drug offences, and their "
    "alternatives.",
    "Interdiction, seizures and action against trafficking and money "
    "laundering, and what they achieve.",
    "Courses, manuals and exercises that help police and other agencies put "
    "these approaches into practice.",
};

char *site_category_id(size_t i)
{
    GString *id = g_string_new("cat-");
    bool dash = false;
    for (const char *p = parse_categories[i]; *p; p++) {
        if (g_ascii_isalnum(*p)) {
            if (dash && id->len > 4)
                g_string_append_c(id, '-');
            g_string_append_c(id, g_ascii_tolower(*p));
            dash = false;
        } else {
            dash = true;
        }
    }
    return g_string_free(id, FALSE);
}
