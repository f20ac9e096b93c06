//! Words too common to search by, in the partners' languages (folded, as [`super::text::fold`]
//! writes them). They are left out of the index and of queries: they would match nearly every
//! item and make each search read most of the index.

use std::{collections::HashSet, sync::LazyLock};

const BULGARIAN: &str = "а аз ако ала бе без би бил била били било биха бъде в вас ваш ваша вече ви вие все всеки всички всичко всяка във въпреки г го да дали до докато е едва ако ето за зад заради защо защото и из или им има като кога когато което които кой който към ли като ме между мен ми много мога може му на над най напр нас не него нея ни ние нито но някои някой няма обаче около от отгоре отново още по под поради после при пред преди през с са след си само се сега си със сме сте съм т така те тези ти то този тук тя тях у уж че чрез ще щом я";
const MACEDONIAN: &str = "а ако бидејќи би беа беше го да до додека е еве за зад заради зошто и или им има кај како кога кое кои кој која ли ме меѓу мене ми може му на над најмногу не него неа ние ни но од околу освен откако по под поради после пред преку при со сега се си само сите се ќе што штом ја тие тоа тој таа тука уште ч";
const ITALIAN: &str = "a ad agli ai al alla alle allo anche avere c che chi ci come con contro cui da dagli dai dal dalla dalle dallo degli dei del della delle dello di dove e ed era erano essere gli ha hanno i il in la le lo loro ma ne negli nei nel nella nelle nello noi non o per perche piu poi qua quale quando quella quelle quelli quello questa queste questi questo se sia si sono su sua sue sugli sui sul sulla sulle suo suoi tra tutti tutto un una uno";
const ENGLISH: &str = "a about after all also an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its more most no not of on one or other our out she so some such than that the their them then there these they this those to up was we were what when where which while who will with would you your";

static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [BULGARIAN, MACEDONIAN, ITALIAN, ENGLISH]
        .iter()
        .flat_map(|list| list.split_whitespace())
        .map(super::text::fold)
        .collect()
});

/// Whether a folded word is too common to search by.
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded)
}
