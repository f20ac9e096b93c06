# Praxis interface strings: Macedonian (македонски).
# Every other language has exactly the same keys (checked by `cargo test`).

## Рамка на страницата
skip-to-content = Премини на содржината
nav-label = Главно мени
nav-feed = Мрежа
nav-new = Објави
nav-cities = Градови
nav-admin = Администрација
nav-login = Најава
nav-logout = Одјава
nav-languages = Јазик на интерфејсот
footer-about = Praxis: знаење споделено меѓу партнерските градови, од град до град.
footer-api = JSON API
footer-atom = Atom-фид за оваа страница

## Датуми и броеви
date-format = { $day } { $month } { $year }
datetime-format = { $date }, { $time } UTC
month-1 = јануари
month-2 = февруари
month-3 = март
month-4 = април
month-5 = мај
month-6 = јуни
month-7 = јули
month-8 = август
month-9 = септември
month-10 = октомври
month-11 = ноември
month-12 = декември

## Новости и пребарување
feed-heading = Новости од мрежата
search-heading = Пребарување: „{ $query }“
search-label = Пребарувајте го знаењето на мрежата, на кој било јазик
search-placeholder = на пр. училишни медијатори
search-button = Барај
search-invalid = Некои филтри не беа препознаени и се изоставени:
search-empty = Ништо не одговара на „{ $query }“.
search-empty-filtered = Ништо не одговара на „{ $query }“ со избраните филтри.
search-empty-filters = Нема содржина што одговара на избраните филтри.
search-empty-hint = Обидете се со друг збор, со почетокот на збор („медијат“ наоѓа медијатор и медијатори) или со зборот на друг јазик.
search-without-filters = Пребарување без филтрите
search-rebuilding = Индексот за пребарување се гради повторно (засега { $indexed } од { $total } содржини): за момент некои резултати може да недостасуваат.
filters-heading = Филтри
filters-apply = Примени ги филтрите
filters-clear = Исчисти ги филтрите
skip-to-results = Премини на резултатите
filters-chosen = { $count ->
    [one] (еден избран)
   *[other] ({ $shown } избрани)
}
sort-label = Редослед
sort-relevance = Најдобро совпаѓање
sort-newest = Најнови
sort-updated = Неодамна ажурирани
sort-apply = Подреди
filter-kind = Вид
filter-theme = Тема
filter-target-group = Целна група
filter-city = Град
filter-country = Држава
filter-language = Јазик
filter-reuse = Повторна употреба
filter-adapted = Адаптирани од други градови
filter-period = Период на спроведување
filter-from = Од
filter-to = До
results-heading = Резултати
results-count = { $count ->
    [0] Ништо не е пронајдено.
    [one] { $shown } објава.
   *[other] { $shown } објави.
}
feed-empty = Тука сè уште нема ништо. За да започнете, следете партнерски град или објавете практика.
card-shared-by = споделено од
card-adapted-by = { $count ->
    [one] адаптирана од еден град
   *[other] адаптирана од { $shown } градови
}
pager-label = Страници
pager-previous = ← Претходна
pager-next = Следна →
page-of = Страница { $page } од { $pages }
items-count = { $count ->
    [0] Сè уште нема објави.
    [one] { $shown } објава.
   *[other] { $shown } објави.
}

## Страница на објавата
item-published-by = Објавено од
item-updated = ажурирано
item-shared-by = Стигна до овој град преку
item-adapted-from = Адаптација на
item-languages = Јазици на објавата
item-read-in = Читај на:
item-missing-in = Сѐ уште нема на { $language }: { $fields }. Тие се прикажани на друг јазик, означен со неговото име.
item-body-in = Текстот подолу е на { $language }.
item-translated-by = Верзијата на { $language } ја преведе { $translator }.
item-translation-unreviewed = Верзијата на { $language } е превод од { $translator }, кој { $origin } сѐ уште не го прегледал.
item-translate = Преведи
translate-heading = Превод на практика
translate-into = Преведи на
translate-choose-language = Избери
translate-original = Оригинал
translate-translation = Превод на { $language }
translate-explained = Читателите на { $city } го гледаат преводот веднаш, означен како сѐ уште непрегледан. Градот што го објавил материјалот го прегледува и може да го објави во својот материјал, наведувајќи го { $city } како преведувач.
translate-send = Испрати го преводот
translate-own-item = Ова е материјал на овој град: уредете го наместо да го преведувате.
translate-no-language = Изберете го јазикот на кој преведувате.
item-about = Основни податоци
item-attachments = Датотеки
item-adapted-by = Адаптации
item-related = Сродни практики
item-replies = Прашања и одговори
item-no-replies = Сè уште нема прашања.
item-reply-label = Поставете прашање до градот или одговорете на прашање
item-reply-send = Испрати
item-actions = Дејства
item-edit = Уреди
item-delete = Избриши
item-share = Сподели со градовите што нè следат
item-adapt = Адаптирај за нашиот град

## Објавување
new-heading = Што сакате да објавите?
new-kind-heading = Ново: { $kind }
edit-heading = Уредување на објавата
editor-section-texts = Текстови
editor-section-about = За работата
form-has-errors = Ве молиме поправете ги означените полиња
form-required = (задолжително)
form-save = Зачувај
form-cancel = Откажи
form-update-languages = Прикажи ги овие јазици
choice-none = —
delete-heading = Бришење на објавата
delete-question = Да се избрише ли оваа објава?
delete-federated = Од градовите што го следат овој град ќе биде побарано и тие да ги избришат своите копии.
delete-confirm = Избриши
hint-languages = Означете ги јазиците на материјалот; други внесете со име или код, одделени со запирки, на пр. „албански“ или „sq, tr“. Секој јазик добива своја колона.
hint-summary = Една или две реченици што се прикажуваат во списоците.
hint-body = Пасусите се одделуваат со празен ред. **задебелено**, *курзив*, [врска](https://…), редови што почнуваат со - за список, ## за наслов.
editor-preview = Преглед
editor-preview-heading = Како ќе изгледаат текстовите
hint-tags = Одделени со запирки.
hint-country = Двобуквен код, на пр. BG, IT или MK.
hint-location = Каде се одвива работата, за картата на мрежата: кликнете со десното копче на местото на онлајн карта и копирајте ги координатите, на пр. 42.6977, 23.3219.
hint-licence = На пример, CC-BY-4.0.
hint-lines = По една ставка во секој ред.
hint-links = По една веб-адреса во секој ред.
hint-adapted-from = Веб-адресата на објавата што оваа ја адаптира.
hint-duration = На пр. PT2H30M (2 часа и 30 минути) или P3D (3 дена).
hint-upload = PDF, канцелариски документи, слики, видео, текст или zip-пакети.

## Полиња заеднички за сите видови
field-languages = Јазици
field-languages-other = Други јазици
field-original-language = Јазик на оригиналот
field-title = Наслов
field-summary = Резиме
field-body = Текст
field-themes = Теми
field-target-groups = Целни групи
field-tags = Ознаки
field-country = Држава
field-place = Место
field-location = На картата (ширина, должина)
field-period = Период
field-period-start = Почеток на работата
field-period-end = Крај на работата
field-status = Статус
field-licence = Лиценца
field-contacts = Контакти
field-contacts-name = Име
field-contacts-role = Позиција
field-contacts-email = Е-пошта
field-cites = Се надоврзува на
field-adapted-from = Адаптација на
field-attachments = Датотеки
field-upload = Додај датотеки
field-kind = Вид

## Полиња на добрите практики
field-problem = Контекст и проблем што се решава
field-objectives = Цели
field-approach = Пристап и активности
field-participation = Учество на целната група
field-results = Резултати
field-people-reached = Опфатени лица
field-indicators = Индикатори за резултати
field-indicators-name = Што се мери
field-indicators-value = Постигната вредност
field-evaluation = Евалуација и научени лекции
field-budget-range = Буџет (евра)
field-staff = Вклучен персонал
field-funding-sources = Извори на финансирање
field-sustainability = Одржливост
field-transferability = Преносливост
field-partners = Партнерски организации

## Полиња на материјалите за обука
field-resource-type = Вид на ресурс
field-level = Ниво
field-audience-roles = Наменето за
field-time-required = Потребно време
field-delivery-mode = Начин на спроведување
field-competencies = Компетенции што се стекнуваат
field-prerequisites = Предуслови
field-format = Формат

## Полиња на извештаите од размена
field-exchange-type = Вид на размена
field-host-city = Град домаќин
field-visiting-cities = Градови гости
field-participants = Учесници
field-participants-name = Име
field-participants-role = Позиција
field-participants-city = Град или организација
field-participant-count = Број на учесници
field-practices-observed = Набљудувани практики
field-findings = Наоди
field-recommendations = Препораки
field-follow-up-actions = Натамошни активности
field-follow-up-actions-action = Активност
field-follow-up-actions-owner = Одговорен
field-follow-up-actions-deadline = Рок
field-confidentiality = Доверливост

## Полиња на акциските планови
field-areas = Области
field-measures = Мерки
field-measures-title = Мерка
field-measures-owner = Одговорен
field-measures-deadline = Рок
field-measures-status = Статус
field-adoption-date = Датум на усвојување

## Видови објави
kind-good-practice = добра практика
kind-training-material = материјал за обука
kind-exchange-report = извештај од размена
kind-action-plan = акциски план
kind-about-good-practice = Практика што дала резултати: проблемот, што е направено, резултатите и што му е потребно на друг град за да ја пренесе.
kind-about-training-material = Курс, прирачник, видео или водич за општинските службеници и медијаторите.
kind-about-exchange-report = Што утврдила и што препорачува студиската посета, размената на персонал или колегијалната проценка.
kind-about-action-plan = Локален акциски план со мерките, одговорните лица и роковите.

## Теми
theme-equality = Еднаквост
theme-inclusion = Инклузија
theme-participation = Учество
theme-education = Образование
theme-employment = Вработување
theme-health = Здравство
theme-housing = Домување
theme-anti-discrimination = Борба против дискриминацијата
theme-migrant-integration = Интеграција на мигрантите
theme-gender = Родова еднаквост
theme-one-stop-shop = Едношалтерски услуги
theme-social-services = Социјални услуги
theme-civil-registration = Граѓанска регистрација
theme-culture-identity = Култура и идентитет
theme-early-school-leaving = Рано напуштање на училиште
theme-entrepreneurship = Претприемништво

## Целни групи
target-group-roma = Роми
target-group-sinti = Синти
target-group-caminanti = Каминанти
target-group-migrants = Мигранти
target-group-refugees = Бегалци
target-group-asylum-seekers = Баратели на азил
target-group-children-youth = Деца и млади
target-group-women = Жени
target-group-older-people = Постари лица
target-group-persons-with-disabilities = Лица со попреченост
target-group-municipal-staff = Општински службеници
target-group-mediators = Медијатори

## Кодови на специфичните полиња
code-planned = планирано
code-pilot = пилот-фаза
code-ongoing = во тек
code-mainstreamed = институционализирано
code-completed = завршено
code-ended = прекинато
code-under-10k = под 10.000
code-from-10k-to-50k = 10.000 – 50.000
code-from-50k-to-200k = 50.000 – 200.000
code-from-200k-to-1m = 200.000 – 1 милион
code-over-1m = над 1 милион
code-slides = презентација
code-handout = материјал за учесниците
code-video = видео
code-e-learning-module = модул за е-учење
code-case-study = студија на случај
code-facilitator-guide = водич за фасилитатори
code-quiz = квиз
code-introductory = почетно
code-intermediate = средно
code-advanced = напредно
code-self-paced = самостојно учење
code-webinar = вебинар
code-in-person = со физичко присуство
code-blended = комбинирано
code-pdf = PDF
code-scorm = SCORM-пакет
code-h5p = H5P
code-document = документ
code-web = веб-страница
code-other = друго
code-study-visit = студиска посета
code-staff-exchange = размена на персонал
code-peer-review = колегијална проценка
code-workshop = работилница
code-mentoring = менторство
code-public = јавен пристап
code-network = партнерска мрежа
code-restricted = ограничен пристап
code-housing = домување
code-education-and-training = образование и обука
code-health = здравство
code-employment = вработување
code-active-citizenship = активно граѓанство
code-anti-discrimination = борба против дискриминацијата
code-social-services = социјални услуги
code-culture = култура
code-in-progress = во спроведување
code-done = спроведено
code-dropped = откажано

## Овој јазик на интерфејсот: неговото име на самиот јазик и како пишува броеви
interface-language-name = Македонски
number-group-separator = .
number-decimal-separator = ,

## Јазици на објавите
language-en = англиски
language-bg = бугарски
language-it = италијански
language-mk = македонски
language-rom = ромски
language-rmy = влашки ромски
language-rmn = балкански ромски
language-rmc = карпатски ромски
language-rmo = синтиски ромски
language-rml = балтички ромски
language-sq = албански
language-ro = романски
language-de = германски
language-fr = француски
language-es = шпански
language-el = грчки
language-sr = српски
language-hr = хрватски
language-sl = словенечки
language-hu = унгарски
language-tr = турски
language-ar = арапски
language-uk = украински
language-ru = руски
language-pl = полски
language-cs = чешки
language-sk = словачки
language-nl = холандски
language-pt = португалски

## Држави
country-AL = Албанија
country-AT = Австрија
country-BA = Босна и Херцеговина
country-BE = Белгија
country-BG = Бугарија
country-CY = Кипар
country-CZ = Чешка
country-DE = Германија
country-DK = Данска
country-EE = Естонија
country-ES = Шпанија
country-FI = Финска
country-FR = Франција
country-GB = Обединето Кралство
country-GR = Грција
country-HR = Хрватска
country-HU = Унгарија
country-IE = Ирска
country-IT = Италија
country-LT = Литванија
country-LU = Луксембург
country-LV = Латвија
country-MD = Молдавија
country-ME = Црна Гора
country-MK = Северна Македонија
country-MT = Малта
country-NL = Холандија
country-NO = Норвешка
country-PL = Полска
country-PT = Португалија
country-RO = Романија
country-RS = Србија
country-SE = Шведска
country-SI = Словенија
country-SK = Словачка
country-TR = Турција
country-UA = Украина
country-XK = Косово

## Улоги
role-admin = администратор
role-editor = уредник
role-reader = читател

## Градови
cities-heading = Градови
cities-own-page = Страница на овој град
cities-follow-heading = Следете град
cities-follow-label = Адреса или веб-адреса на градот
cities-follow-hint = На пр. roma-inclusion@sofia.example или веб-адресата на неговиот профил.
cities-follow = Следи
cities-follow-empty = Внесете ја адресата на градот што сакате да го следите.
cities-unfollow = Престани да следиш
cities-following = Градови што ги следиме
cities-following-empty = Овој град сè уште не следи ниеден друг град.
cities-pending = Се чека одговор
cities-pending-empty = Нема барања за следење што чекаат одговор.
cities-followers = Градови што нè следат
cities-followers-empty = Сè уште ниеден град не го следи овој.
cities-state-pending = се чека одговор
cities-state-accepted = следиме
city-languages = Јазици
city-relation = Однос
city-we-follow = Го следиме овој град
city-we-asked = Побаравме да го следиме овој град
city-follows-us = Овој град нè следи
city-items = Објави

## Администрација
admin-heading = Администрација
admin-users = Корисници
admin-save-role = Промени улога
admin-new-user = Нов корисник
admin-create-user = Создај корисник
admin-deliveries = Испорака до други градови
admin-pending = Чекаат испорака
admin-delivered = Испорачани
admin-dead = Откажани
admin-no-peers = Сè уште ништо не е испратено до други градови.
admin-peers = Сервери на градовите
admin-peer = Сервер
admin-health = Состојба
admin-healthy = во ред
admin-failing = со грешки (неуспешни обиди по ред: { $failures })
admin-last-success = Последна испорака
admin-last-failure = Последен неуспех
admin-last-error = Последна грешка
admin-retry = Обиди се повторно сега
admin-dead-letters = Откажани испораки
admin-activity = Активност
admin-item = Материјал
admin-inbox = Влезно сандаче
admin-attempts = Обиди
admin-queued = Ставено во редица
admin-retried = { $count ->
    [0] Немаше ништо за повторување.
    [one] { $shown } испорака ќе биде повторно испратена сега.
   *[other] { $shown } испораки ќе бидат повторно испратени сега.
}
field-username = Корисничко име
field-display-name = Име и презиме
field-password = Лозинка
field-role = Улога

## Сметки
login-heading = Најава
login-button = Најави се
login-invalid = Корисничкото име или лозинката се погрешни.
login-throttled = { $count ->
    [one] Премногу неуспешни обиди. Обидете се повторно за { $shown } секунда.
   *[other] Премногу неуспешни обиди. Обидете се повторно за { $shown } секунди.
}
account-heading = Вашата сметка
account-signed-in-as = Најавени сте како { $username }
account-language = Јазик на интерфејсот
account-reads = Јазици што ги читам
account-reads-about = Секој текст на објавата се прикажува на првиот од овие јазици на кој е напишан, а потоа на неговиот оригинален јазик. Оставете ги сите празни за да се користат јазиците на прелистувачот.
account-reads-place = Јазик { $shown }
account-reads-other = Уште јазици, како кодови (на пример rmy, sr-Latn)
account-reads-invalid = „{ $value }“ не е код на јазик: користете кодови како bg, it, mk или rmy.
account-reads-too-many = Најмногу { $shown } јазици.
account-language-browser = Според прелистувачот
account-tokens = API-токени
account-tokens-about = Токените им овозможуваат на скрипти и други програми да го користат JSON API во ваше име. Чувајте ги како лозинки.
account-no-tokens = Немате API-токени.
account-token-name = За што служи токенот
account-token-starts = Почнува со
account-token-created-on = Создаден
account-token-last-used = Последно користен
account-token-unused = никогаш
account-token-create = Создај токен
account-token-created = Вашиот нов токен. Копирајте го сега: нема повторно да биде прикажан.
account-token-revoke = Отповикај
account-token-name-needed = Дајте му име на токенот за подоцна да го препознаете.
account-password = Лозинка
account-password-current = Тековна лозинка
account-password-new = Нова лозинка (најмалку 10 знаци)
account-password-change = Промени лозинка
account-password-wrong = Тековната лозинка е погрешна.

## Грешки
error-title-bad-request = Барањето не може да се обработи
error-title-unauthorized = Ве молиме најавете се
error-title-forbidden = Не е дозволено
error-title-not-found = Не е пронајдено
error-title-too-large = Премногу голема содржина
error-title-too-many = Премногу барања
error-title-server = Настана грешка на серверот
error-title-other = Барањето не успеа
error-back-to-feed = Назад кон новостите од мрежата
error-login-needed = Најавете се за да го направите ова.
error-role-needed = Вашата улога не го дозволува ова. Администратор може да ги менува улогите.
error-csrf = Формуларот истекол или не е испратен од оваа страница. Вратете се назад, освежете ја страницата и обидете се повторно.
error-item-id = Внесете ја веб-адресата на објава, на пр. /item?id=https://…
error-item-not-found = Тука нема таква објава. Можеби е избришана.
error-city-not-found = Овој град сè уште не е познат тука.
error-unknown-kind = Не постои таков вид објава.
error-unknown-role = Не постои таква улога.
error-unknown-language = Овој јазик на интерфејсот не е достапен.
error-demote-self = Не можете сами да си ја одземете администраторската улога.
error-token-not-found = Немате таков активен токен.

## Проблеми со внесените податоци (валидација)
problem-required = Задолжително поле.
problem-empty = Полето не смее да биде празно.
problem-too-long = Текстот е предолг: најмногу { $max } знаци.
problem-too-many = Премногу ставки: најмногу { $max }.
problem-not-a-country = „{ $value }“ не е код на држава; користете две букви, на пр. BG, IT или MK.
problem-not-a-location = „{ $value }“ не е точка на картата; дајте ја географската ширина и должина во степени, со децимална точка, на пр. 42.6977, 23.3219.
problem-no-title-in-language = Нема наслов на овој јазик ({ $language }); секоја јазична верзија мора да има наслов.
problem-not-a-language = „{ $value }“ не е јазичен код; користете кодови како bg, it, mk или en.
problem-original-not-among = Јазикот на оригиналот ({ $language }) мора да биде еден од јазиците на објавата.
problem-tag-length = Ознаката мора да има од 1 до 60 знаци.
problem-ends-before-start = Крајот е пред почетокот.
problem-not-an-email = „{ $value }“ не е адреса на е-пошта.
problem-before-period = Овој датум е пред почетокот на периодот на работата.
problem-not-a-number = Внесете цел број, нула или поголем.
problem-unknown-code = Изберете една од понудените вредности.
problem-not-a-date = „{ $value }“ не е датум; користете го обликот 2026-03-31.
problem-not-a-url = „{ $value }“ не е веб-адреса што почнува со http:// или https://.
problem-not-a-domain = „{ $value }“ не е домен како praxis.sofia.bg или localhost:8081.
problem-not-a-duration = „{ $value }“ не е времетраење; запишете го на пр. како PT2H30M или P3D.
problem-in-the-future = Овој датум е во иднината; датум на објавување или измена може да биде најмногу еден час понапред.
problem-username-invalid = Користете од 2 до 40 мали букви, цифри, точки, цртички или долни црти.
problem-display-name-invalid = Внесете име од 1 до 100 знаци.
problem-username-taken = Ова корисничко име е веќе зафатено.
problem-last-admin = Единствениот администратор не може да ја изгуби улогата: прво направете друг корисник администратор.
problem-password-length = Лозинката мора да има најмалку { $min } знаци.
problem-unknown-parameter = Овој филтер не е препознаен.
problem-file-type-refused = { $file }: датотеки од овој вид ({ $value }) не се прифаќаат. Прикачете PDF, канцелариски документи, слики, видео, текст или zip-пакети.
problem-file-content-mismatch = { $file }: содржината на датотеката не одговара на { $value }.
problem-file-empty = { $file }: датотеката е празна.
problem-file-too-large = { $file }: датотеката е поголема од ограничувањето од { $max } бајти.
problem-file-name-invalid = { $file }: името на датотеката мора да има од 1 до 200 знаци, без коси црти.
problem-upload-failed = { $file }: датотеката не можеше да се зачува; обидете се повторно.
problem-file-missing = Прикачете ја датотеката или наведете ја нејзината веб-адреса.
problem-not-a-media-type = Наведете го видот на датотеката, на пр. application/pdf.
problem-not-a-digest = Наведете го SHA-256 отпечатокот на датотеката во хексадецимален запис.
problem-not-uploaded = Тука не е прикачена датотека со овој отпечаток; прво прикачете ја датотеката.
problem-unknown-field = „{ $value }“ не е поле на овој вид објава.
problem-not-text = Внесете текст.
problem-not-texts-by-language = Внесете го текстот посебно за секој јазик.
problem-not-a-list = Внесете листа од вредности.
problem-not-an-object = Секоја ставка мора да има свои полиња.
problem-unknown-item = Во овој град нема таква објава.
problem-item-unreachable = Адаптираната објава не можеше да се преземе од нејзиниот град; обидете се повторно подоцна.
problem-not-a-city = „{ $value }“ не е адреса на град.
problem-not-a-page = Броевите на страниците почнуваат од 1.
problem-not-a-boolean = Изберете да или не (true или false), а не „{ $value }“.
problem-per-page-range = Изберете од 1 до { $max } резултати по страница.
problem-token-name-invalid = Дајте му на токенот име од 1 до 100 знаци, за да го препознавате.

# Federation policy and follow requests
cities-requests = Барања за следење што чекаат одобрување
cities-requests-empty = Ниеден град не чека одобрување.
cities-approve = Одобри
cities-reject = Одбиј
admin-policy = Политика на федерацијата
error-emblem-refused = Оваа датотека не може да биде грб: изберете слика PNG, JPEG, WebP или GIF што не е поголема од ограничувањето за прилози.
error-emblem-missing = Изберете датотека со слика за грбот.
admin-emblem = Грб на градот
admin-emblem-help = Се прикажува како слика на градот на Mastodon и на другите сервери што го следат: слика PNG, JPEG, WebP или GIF.
admin-emblem-current = Сегашниот грб на градот
admin-emblem-none = Градот сè уште нема грб.
admin-emblem-file = Датотека со слика
admin-emblem-upload = Постави го грбот
admin-emblem-remove = Отстрани го грбот
admin-policy-about = Со кои градови овој град разменува знаење. Промената важи веднаш, во двете насоки.
admin-policy-mode = Режим
policy-mode-open = Отворен: сите градови
policy-mode-allowlist = Листа на дозволени: само партнерски градови
policy-mode-blocklist = Листа на блокирани: сите градови освен блокираните
admin-policy-hold = Барањата за следење од градови надвор од листата на дозволени чекаат одобрување
admin-policy-save = Зачувај ја политиката
admin-allowlist = Дозволени (партнерски градови)
admin-blocklist = Блокирани
admin-policy-empty = Нема домени.
admin-domain = Домен
admin-domain-hint = На пример praxis.sofia.bg, адреса на град како tran@praxis.tran.bg или неговата веб-адреса.
admin-note = Белешка
admin-policy-remove = Отстрани
admin-policy-add-heading = Додај домен
admin-policy-list = Листа
admin-policy-add = Додај
policy-list-allow = Дозволени
policy-list-block = Блокирани
error-unknown-policy-mode = Непознат режим на политиката на федерацијата.
error-unknown-policy-list = Непозната листа: изберете дозволени или блокирани.

# Audiences
problem-confidential-in-public = Извештајот е означен како „{ $value }“: изберете публика „партнерски градови“ или „само наведените градови“, а не „сите“.
problem-cities-only-for-named = Градови се избираат само за публиката „само наведените градови“.
problem-city-unreachable = Градот { $value } не може да се достигне; проверете ја адресата или обидете се подоцна.
editor-section-audience = Кој може да го чита
field-audience = Публика
hint-audience = Сите (во мрежата и на отворениот веб), партнерските градови што го следат овој град, или само градовите што ќе ги наведете. Објавите за потесен круг никогаш не се прикажуваат на јавни страници, во фидови или во пребарувањата на други градови и не може да се споделуваат.
field-audience-cities = Наведени градови
hint-audience-cities = За „само наведените градови“: на пример градот домаќин и градовите гости на размена.
audience-public = сите
audience-partners = само партнерски градови
audience-cities = само наведените градови
audience-named-cities = { $count ->
    [one] само наведениот град
   *[other] само { $count } наведени градови
}
item-audience = За

audience-community = само членовите на заедницата
city-removed-us = Овој град нè отстрани од својата заедница
problem-handle-invalid = Идентификаторот има од 2 до 40 мали латинични букви, цифри или „_“, на пример employment.
problem-handle-taken = „{ $value }“ веќе е идентификатор на овој град или на негова заедница.
problem-not-a-community = „{ $value }“ не е заедница што овој град ја познава.
problem-not-a-member = Овој град не е член на „{ $value }“: прво зачленете се во заедницата.
problem-community-needed = Изберете ја заедницата чии членови можат да го читаат материјалот.
problem-community-post-audience = Материјал објавен во заедница е за сите или само за членовите на заедницата.

## Communities of practice
nav-communities = Заедници
nav-directory = Именик
nav-saved = Зачувани
communities-heading = Заедници на практика
communities-about = Заедницата обединува градови што работат на една тема. Членовите објавуваат во неа и добиваат сè што е објавено, и од градови што не ги следат.
communities-list = Заедници што овој град ги познава
communities-empty = Овој град сè уште не е домаќин на заедница и не е член на ниедна.
communities-standing = Овој град
communities-standing-host = домаќин
communities-standing-member = член
communities-standing-pending = чека одобрување
communities-standing-removed = отстранет од модератор
communities-standing-none = не е член
communities-join = Приклучи се
communities-leave = Напушти
communities-join-heading = Приклучување кон заедница на друг сервер
communities-join-label = Адреса или веб-адреса на заедницата
communities-join-empty = Внесете ја адресата на заедницата кон која сакате да се приклучите.
communities-create-heading = Нова заедница со домаќин овој град
communities-handle = Идентификатор
communities-handle-hint = Од 2 до 40 мали латинични букви, цифри или _; со серверот на градот ја формира адресата за приклучување и не може да се менува.
communities-name = Име
communities-summary = За што е
communities-membership = Членство
communities-membership-open = отворено: секој град што ќе побара веднаш станува член
communities-membership-approval = со одобрување: модератор го прифаќа секој град
communities-create = Создај ја заедницата
communities-not-found = Овој град не познава таква заедница.
communities-members = Градови во заедницата
communities-members-empty = Сè уште ниеден град не побарал да се приклучи.
communities-moderators = Модератори
communities-readmit = Дозволи ново барање
communities-remove-member = Отстрани од заедницата
communities-appoint-label = Назначи модератор (корисничко име на уредник)
communities-appoint = Назначи
communities-items = Објавено во заедницата
communities-items-empty = Во оваа заедница сè уште нема објави.
communities-remove-item = Отстрани од заедницата
communities-unknown-action = Ова не е дејство што модератор може да го изврши.
field-community = Објави во заедница
hint-community = Членовите го добиваат материјалот, и оние што не го следат овој град. Изберете „само членовите на заедницата“ за публика за да остане во заедницата.
communities-search = Пребарување во оваа заедница

# Translations: the review queue
nav-translations = Преводи
translations-heading = Преводи
translations-incoming = Предложени за нашите материјали
translations-outgoing = Нашите преводи на материјали на други градови
translations-none = Сѐ уште нема.
translations-item = Материјал
translations-language = Јазик
translations-translator = Преведено од
translations-origin = Град на материјалот
translations-state = Состојба
translations-review = Прегледај
translation-state-proposed = Чека преглед
translation-state-accepted = Прифатен
translation-state-declined = Одбиен
review-heading = Преглед на превод
review-from = Превод на { $language } од { $city }.
review-changed-since = Материјалот е изменет откако е направен преводот: споредете го со тековните текстови лево.
review-explained = Со прифаќањето овие текстови се објавуваат во материјалот, со { $city } наведен како преведувач; секој град што го има материјалот ги добива. Можете прво да ги поправите.
review-accept = Прифати и објави
review-decline = Одбиј
review-message = Зошто го одбивате (се испраќа до { $city })
review-message-needed = Кажете зошто го одбивате преводот.
review-changed = Материјалот се измени додека го прегледувавте преводот: прегледајте го повторно според тековните текстови.
review-decided = За овој превод веќе е одлучено.
review-not-found = Тука нема таков превод.

# Machine translation
machine-offer = Машински превод на { $language }
machine-mark = машински превод од { $language }
machine-body-mark = Текстот подолу е машински превод од { $language }.
machine-note = Текстовите означени како машински превод се преведени на { $language } од системот за превод на овој град: никој не ги прегледал и може да содржат грешки. Тие не се дел од материјалот.
machine-read-original = Прочитајте го оригиналот
machine-contribute = Започнете од него превод за градот на материјалот
machine-no-language = Наведете на кој јазик да се преведе.
machine-off = Оваа инсталација нема машински превод.
machine-nothing-missing = Овој материјал веќе ги има сите текстови на вашиот јазик.
machine-budget-spent = Дневниот лимит за машински превод е потрошен. Веќе направените преводи може да се читаат; обидете се повторно утре.
machine-engine-failed = Системот за превод не одговори. Обидете се повторно подоцна.
translate-from-machine = Празните полиња се пополнети од машинскиот превод: проверете го и поправете го секој текст пред да го испратите.

# Deactivating accounts, resetting passwords
login-deactivated = Овој профил е деактивиран. Побарајте од администратор на вашиот град повторно да го активира.
error-deactivate-self = Не можете да го деактивирате сопствениот профил.
error-no-such-user = Нема таков корисник.
admin-account = Профил
admin-inactive = Деактивиран
admin-deactivate = Деактивирај
admin-reactivate = Активирај повторно
admin-reset-password = Нова лозинка
admin-deactivated = { $user } е деактивиран: одјавен е и неговите API клучеви веќе не работат.
admin-reactivated = { $user } повторно може да се најави.
admin-password-reset = Новата лозинка на { $user } е { $password } — предајте му ја; се прикажува само сега. Одјавен е насекаде.
problem-last-active-admin = Единствениот активен администратор не може да се деактивира: прво направете друг корисник администратор.

# Federation policy: what a change cuts off
cities-policy-allowed = дозволен според политиката за федерација
cities-policy-not-member = не е на листата на дозволени: ништо не се разменува
cities-policy-blocked = блокиран: ништо не се разменува
policy-confirm-heading = Да се прекине ли размената со овие градови?
policy-confirm-explained = { $count ->
    [one] Преминувањето на „{ $mode }“ ја запира секоја размена со еден град што го следите или што ве следи:
   *[other] Преминувањето на „{ $mode }“ ја запира секоја размена со { $count } градови што ги следите или што ве следат:
}
policy-confirm-hint = Ништо повеќе не им се праќа ниту се прима од нив; следењата остануваат и размената продолжува ако повторно бидат дозволени. За да ги задржите, прво додајте ги нивните домени на листата на дозволени.
policy-confirm-button = Промени и прекини ја размената
policy-cut-followed = следен
policy-cut-follower = го следи овој град
policy-cut-both = следен и го следи овој град

# A deleted item's address, to browsers
error-title-gone = Избришано
item-deleted-by-city = Градот го избриша овој материјал. Другите негови материјали се на страницата на градот и во потокот.

# What an action did, said on the page it leads to
done-published = Материјалот е објавен и патува кон градовите што го следат овој град.
done-saved = Промените се зачувани и испратени до градовите што го имаат материјалот.
done-emblem-saved = Грбот е зачуван, а градовите што го следат овој се известени.
done-emblem-removed = Грбот е отстранет.
done-deleted = Материјалот е избришан; градовите што го имаа се известени.
done-followed = Барањето за следење е испратено; материјалите на градот пристигнуваат откако ќе го прифати.
done-unfollowed = Овој град повеќе не го следи тој град.
done-user-created = Профилот е создаден. Дајте му ги корисничкото име и лозинката на сопственикот.
done-saved-for-later = Материјалот е во вашиот список „Зачувани за подоцна“.
done-unsaved = Материјалот е отстранет од вашиот список „Зачувани за подоцна“.

# Unfollowing asks first
unfollow-confirm-heading = Да престанете да следите?
unfollow-confirm-question = Да престанете да го следите { $city }?
unfollow-confirm-hint = Неговите нови материјали повеќе нема да пристигнуваат; веќе пристигнатите остануваат. Можете повторно да го следите во секое време.

# Following: what went wrong, and what to do
cities-follow-not-an-address = „{ $text }“ не е адреса на град. Напишете ја како име@домен, на пример vidin@praxis.vidin.bg, или залепете ја адресата на страницата на градот.
cities-follow-did-you-mean = Дали мислевте на { $cities }?
cities-follow-self = Еден град не може да се следи самиот себе.
cities-follow-refused = Политиката за федерација на овој град не го дозволува { $city }. Администратор може да го додаде неговиот домен на листата на дозволени на страницата за администрација.
cities-follow-unreachable = { $city } не може да се достигне. Проверете ја адресата; ако е точна, серверот на градот можеби не работи: обидете се подоцна.

# The delivery table in words
delivery-kind-create = нов материјал
delivery-kind-update = изменет материјал
delivery-kind-delete = бришење
delivery-kind-announce = споделен материјал
delivery-kind-follow = барање за следење
delivery-kind-undo = повлекување
delivery-kind-accept = прифаќање
delivery-kind-reject = одбивање
delivery-kind-offer = предложен превод
delivery-kind-add = објава во заедница
delivery-kind-remove = отстранување од заедница
delivery-failed-status = Серверот на градот одговори со грешка ({ $status }). Се обидува повторно; ако продолжи, известете ги администраторите на градот.
delivery-failed-unreachable = Серверот на градот не може да се достигне. Се обидува повторно; проверете дали адресата сè уште работи.
delivery-failed-gone = Не е испратено: влезното сандаче на градот одговори дека веќе не постои ({ $status }). Обидете се повторно кога градот ќе се врати.


# Saved for later
saved-heading = Зачувани за подоцна
saved-empty = Сè уште нема зачувани. „Зачувај за подоцна“ на некој материјал го става тука, само за вас.
saved-add = Зачувај за подоцна
saved-remove = Зачувано · отстрани од списокот


# The directory of the network
directory-heading = Градовите во мрежата
directory-intro = Сите градови што овој град ги познава: оние што ги следи, оние што го следат и оние сретнати преку споделени материјали, заедници и манифестот на мрежата.
directory-map-caption = Градови со наведена локација; основна карта: Natural Earth (јавна сопственост).
directory-map-caption-tiles = Градови со наведена локација; плочки на картата: { $attribution }.
directory-this-city = Овој град
directory-mutual = Следен и го следи овој град
directory-followed = Следен
directory-asked = Испратено барање за следење
directory-follows-us = Го следи овој град
directory-known = Познат преку мрежата
directory-items = { $count ->
    [0] нема материјали тука
    [one] еден материјал тука
   *[other] { $shown } материјали тука
}
directory-placed-items = { $count ->
    [one] Зеленото квадратче е материјал со наведено место: таму се случува опишаното во него.
   *[other] { $shown }-те зелени квадратчиња се материјали со наведено место: таму се случува опишаното во секој.
}
directory-further-heading = Понатаму во мрежата
directory-further-intro = Градови што ги следат градовите што овој град ги следи, а сè уште не се познати тука. Следењето на некој од нив ги носи неговите знаења тука.
directory-followed-by = Следен од { $cities }
directory-unplaced = { $count ->
    [one] Еден град не навел каде се наоѓа.
   *[other] { $shown } градови не навеле каде се наоѓаат.
}

# Mail and subscriptions
subscriptions-heading = Пошта и претплати
subscriptions-mail-off = Овој град не постави пошта, па ништо не може да ви се испрати по е-пошта.
subscriptions-address-heading = Каде добивате пошта
subscriptions-email = Вашата адреса за е-пошта
subscriptions-email-hint = Прегледите и известувањата доаѓаат тука; оставете празно за да не добивате ништо.
subscriptions-notify-questions = Извести ме кога некој град прашува за наш материјал или одговара на наше прашање
subscriptions-list-heading = Вашите прегледи
subscriptions-empty = Сè уште немате прегледи. Пребарувајте или филтрирајте во текот, потоа „Добивај ги новите резултати по е-пошта“.
subscriptions-remove = Запри
subscriptions-daily = секој ден
subscriptions-weekly = секоја недела
subscriptions-bad-frequency = Изберете секој ден или секоја недела.
subscriptions-bad-search = Ова пребарување не може да се зачува: вратете се во текот и претплатете се оттаму.
subscriptions-address-first = Прво наведете ја вашата адреса за е-пошта: прегледот оди таму.
subscriptions-too-many = Веќе имате { $max } прегледи: запрете еден пред да додадете друг.
subscriptions-not-found = Немате таков преглед (можеби е веќе запрен).
subscribe-label = Добивај ги новите резултати по е-пошта
subscribe-button = Претплати се
done-mail-saved = Поставките за пошта се зачувани.
done-subscribed = Претплатени сте: новите резултати ќе доаѓаат по е-пошта.
done-unsubscribed = Прегледот е запрен.
mail-digest-subject = { $count ->
    [one] Еден нов материјал: { $label }
   *[other] { $count } нови материјали: { $label }
}
mail-digest-intro = Ново во мрежата за „{ $label }“ од { $since }:
mail-digest-why = Го добивате овој преглед бидејќи се претплативте на Praxis на { $city }. Променете ги или запрете ги вашите прегледи:
mail-question-subject = Прашање од { $city } за „{ $title }“
mail-question-intro = { $city } праша за „{ $title }“:
mail-answer-subject = { $city } одговори за „{ $title }“
mail-answer-intro = { $city } одговори на прашањето на овој град за „{ $title }“:
mail-notice-why = Ги добивате овие известувања бидејќи ги побаравте. Променете ги поставките за пошта:
reply-signed = { $person } во име на

## Errors explained by their code (shown on pages for errors the page did not word itself)
error-technical-details = Детали за вашиот администратор
error-too-many-uploads = Одеднаш може да се прикачат најмногу { $shown } датотеки. Прикачете ги другите при следно уредување.
error-explain-bad-request = Барањето не можеше да се разбере во обликот во кој е испратено. Вратете се, проверете го внесеното и обидете се повторно.
error-explain-invalid = Дел од внесеното не е валидно. Вратете се, поправете го и обидете се повторно.
error-explain-validation-failed = Дел од внесеното не е валидно. Вратете се, поправете ги означените полиња и обидете се повторно.
error-explain-invalid-json = Испратените податоци не можеа да се прочитаат. Вратете се и обидете се повторно; ако се повтори, кажете му на администраторот.
error-explain-unauthorized = Треба да се најавите за да ја видите оваа страница или да го направите ова.
error-explain-forbidden = Немате дозвола да го направите ова. Ако мислите дека треба да имате, прашајте администратор на вашиот град.
error-explain-federation-refused = Овој град не разменува со таа инстанца: неговата политика на федерација ја одбива. Администратор може да ја промени политиката на страницата „Градови“.
error-explain-url-refused = Таа адреса не може да се достигне одовде: не е јавна адреса или поставките на овој град ја одбиваат. Проверете ја адресата или прашајте го администраторот.
error-explain-not-found = Бараното го нема тука: можеби е преместено или избришано, или име или адреса е погрешно напишана. Вратете се и проверете или побарајте во мрежниот тек.
error-explain-gone = Ова е избришано од својот град. Побарајте понова верзија во мрежниот тек.
error-explain-conflict = Нешто се промени додека работевте на ова. Освежете ја страницата за да ја видите моменталната состојба, па обидете се повторно.
error-explain-moved = Овој град се пресели на нова адреса. Објавувајте и уредувајте таму: оваа адреса само продолжува да одговара за она што го објавила.
error-explain-duplicate = Ова е веќе примено; не треба ништо повеќе.
error-explain-payload-too-large = Испратеното е поголемо отколку што овој град прифаќа. Испратете помала датотека или пократок текст.
error-explain-unsupported-media-type = Овој вид содржина не се прифаќа тука.
error-explain-exhausted = Засега е достигнато ограничување на овој град. Обидете се подоцна (утре за дневните ограничувања).
error-explain-upstream = Услуга на која се потпира овој град не одговори како што треба. Обидете се повторно за неколку минути; ако продолжи, кажете му на администраторот.
error-explain-fetch-failed = Другиот град не можеше да се достигне или одговори со нешто нечитливо. Обидете се подоцна; ако продолжи, проверете ја адресата со тој град.
error-explain-fetch-limit = За одговор би биле потребни повеќе барања до други градови отколку што е дозволено одеднаш. Обидете се подоцна.
error-explain-invalid-object = Испратеното од другиот град не е валиден материјал. Кажете му на администраторот на тој град.
error-explain-invalid-activity = Испратеното не е активност што овој град ја разбира.
error-explain-signature-invalid = Потписот на барањето не одговара на неговиот испраќач.
error-explain-digest-invalid = Барањето е изменето на патот или недостасува неговата контролна сума.
error-explain-internal-error = Нешто тргна наопаку на серверот на овој град. Обидете се повторно; ако се повтори, кажете му на администраторот (деталите се во дневникот на серверот).
error-explain-unhealthy = Серверот на овој град во моментов не работи како што треба. Обидете се повторно за неколку минути.

admin-move = Преселување на градот на нова адреса
admin-move-help = Кога градот ја менува својата веб-адреса (спојување, нов домен), прво подгответе ја новата инстанца и наведете го актерот на овој град во нејзината конфигурација ([city] also_known_as). За да ги пренесете материјалите, вратете ја таму архивата на овој град (praxis export, потоа praxis restore). Потоа внесете го тука актерот на новиот град: следбениците се известуваат и почнуваат да го следат новиот град.
admin-move-known-as = Порано овој град бил познат како:
admin-move-moved = Овој град се пресели на
admin-move-items = { $count ->
    [one] Еден материјал на градот ја има новата адреса таму; старата врска води до него.
   *[other] { $shown } материјали на градот ја имаат новата адреса таму; старите врски водат до нив.
}
admin-move-to = Актерот на новиот град (URL)
admin-move-confirm = Разбирам дека секој следбеник ќе го следи новиот град наместо овој.
admin-move-submit = Пресели го градот
error-move-unconfirmed = Прво потврдете го преселувањето: означете го полето што кажува што прави тоа.
error-move-target = „{ $target }“ не е адреса на актер на град, како https://praxis.example/city.
error-move-not-named = Градот на { $target } не го наведува овој град меѓу актерите што бил порано. Додајте го актерот на овој град во неговото [city] also_known_as, рестартирајте го и обидете се повторно. Ништо не е променето.
done-moved = Градот се пресели: неговите следбеници се известени и ќе го следат новиот град.
