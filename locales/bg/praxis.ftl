# Praxis interface strings: Bulgarian (български).
# Every other language has exactly the same keys (checked by `cargo test`).

## Рамка на страницата
skip-to-content = Към съдържанието
nav-label = Основно меню
nav-feed = Мрежа
nav-new = Публикуване
nav-cities = Градове
nav-admin = Администриране
nav-login = Вход
nav-logout = Изход
nav-languages = Език на интерфейса
footer-about = Praxis: знания, споделени между партньорски градове — от град на град.
footer-api = JSON API
footer-atom = Atom емисия на тази страница

## Дати и числа
date-format = { $day } { $month } { $year } г.
datetime-format = { $date }, { $time } UTC
month-1 = януари
month-2 = февруари
month-3 = март
month-4 = април
month-5 = май
month-6 = юни
month-7 = юли
month-8 = август
month-9 = септември
month-10 = октомври
month-11 = ноември
month-12 = декември

## Новини и търсене
feed-heading = Новини от мрежата
search-heading = Търсене: „{ $query }“
search-label = Търсете в знанията на мрежата на всеки език
search-placeholder = напр. училищни медиатори
search-button = Търсене
search-invalid = Някои филтри не бяха разпознати и са пропуснати:
search-empty = Нищо не отговаря на „{ $query }“.
search-empty-filtered = Нищо не отговаря на „{ $query }“ с избраните филтри.
search-empty-filters = Няма материал, който да отговаря на избраните филтри.
search-empty-hint = Опитайте с друга дума, с началото на дума („медиат“ намира медиатор и медиатори) или с думата на друг език.
search-without-filters = Търсене без филтрите
search-rebuilding = Индексът за търсене се изгражда отново (засега { $indexed } от { $total } материала): за момент някои резултати може да липсват.
filters-heading = Филтри
filters-apply = Приложи филтрите
filters-clear = Изчисти филтрите
skip-to-results = Към резултатите
filters-chosen = { $count ->
    [one] (един избран)
   *[other] ({ $shown } избрани)
}
sort-label = Подреждане
sort-relevance = Най-добро съвпадение
sort-newest = Най-нови
sort-updated = Наскоро обновени
sort-apply = Подреди
filter-kind = Вид
filter-theme = Тема
filter-target-group = Целева група
filter-city = Град
filter-country = Държава
filter-language = Език
filter-reuse = Повторна употреба
filter-adapted = Адаптирани от други градове
filter-period = Период на изпълнение
filter-from = От
filter-to = До
results-heading = Резултати
results-count = { $count ->
    [0] Няма намерени резултати.
    [one] Една публикация.
   *[other] { $shown } публикации.
}
feed-empty = Тук все още няма нищо. Последвайте партньорски град или публикувайте практика, за да започнете.
card-shared-by = споделено от
card-adapted-by = { $count ->
    [one] адаптирана от един град
   *[other] адаптирана от { $shown } града
}
pager-label = Страници
pager-previous = ← Предишна
pager-next = Следваща →
page-of = Страница { $page } от { $pages }
items-count = { $count ->
    [0] Все още няма публикации.
    [one] Една публикация.
   *[other] { $shown } публикации.
}

## Страница на публикация
item-published-by = Публикувано от
item-updated = обновено
item-shared-by = Достигнало до този град чрез
item-adapted-from = Адаптация на
item-languages = Езици на публикацията
item-read-in = Прочетете на:
item-missing-in = Още няма на { $language }: { $fields }. Те са показани на друг език, отбелязан с името му.
item-body-in = Текстът по-долу е на { $language }.
item-translated-by = Версията на { $language } е преведена от { $translator }.
item-translation-unreviewed = Версията на { $language } е превод на { $translator }, който { $origin } още не е прегледал.
item-translate = Преведи
translate-heading = Превод на практика
translate-into = Превод на
translate-choose-language = Избери
translate-original = Оригинал
translate-translation = Превод на { $language }
translate-explained = Читателите на { $city } виждат превода веднага, отбелязан като още непрегледан. Градът, публикувал материала, го преглежда и може да го публикува в материала си, като посочи { $city } като преводач.
translate-send = Изпрати превода
translate-own-item = Това е материал на този град: редактирайте го, вместо да го превеждате.
translate-no-language = Изберете езика, на който превеждате.
item-about = Основни данни
item-attachments = Файлове
item-adapted-by = Адаптации
item-related = Сродни практики
item-replies = Въпроси и отговори
item-no-replies = Все още няма въпроси.
item-reply-label = Задайте въпрос на града или отговорете на въпрос
item-reply-send = Изпрати
item-actions = Действия
item-edit = Редактиране
item-delete = Изтриване
item-share = Сподели с градовете, които ни следват
item-adapt = Адаптирай за нашия град

## Публикуване
new-heading = Какво искате да публикувате?
new-kind-heading = Ново: { $kind }
edit-heading = Редактиране на публикация
editor-section-texts = Текстове
editor-section-about = За работата
form-has-errors = Моля, коригирайте отбелязаните полета
form-required = (задължително)
form-save = Запази
form-cancel = Отказ
form-update-languages = Покажи тези езици
choice-none = —
delete-heading = Изтриване на публикация
delete-question = Да се изтрие ли тази публикация?
delete-federated = Градовете, които следват този град, също ще бъдат помолени да изтрият своите копия.
delete-confirm = Изтрий
hint-languages = Отметнете езиците на материала; други въведете с име или код, разделени със запетаи, например „албански“ или „sq, tr“. Всеки език получава своя колона.
hint-summary = Едно-две изречения, които се показват в списъците.
hint-body = Абзаците се разделят с празен ред. **удебелен**, *курсив*, [връзка](https://…), редове с - в началото за списък, ## за заглавие.
editor-preview = Преглед
editor-preview-heading = Как ще изглеждат текстовете
hint-tags = Разделени със запетая.
hint-country = Двубуквен код, например BG, IT или MK.
hint-location = Къде се извършва работата, за картата на мрежата: щракнете с десния бутон върху мястото в онлайн карта и копирайте координатите му, например 42.6977, 23.3219.
hint-licence = Например CC-BY-4.0.
hint-lines = По един на ред.
hint-links = По един уеб адрес на ред.
hint-adapted-from = Уеб адресът на публикацията, която тази адаптира.
hint-duration = Например PT2H30M (2 часа и 30 минути) или P3D (3 дни).
hint-upload = PDF, офис документи, изображения, видео, текст или zip архиви.

## Общи полета за всички видове
field-languages = Езици
field-languages-other = Други езици
field-original-language = Език на оригинала
field-title = Заглавие
field-summary = Резюме
field-body = Текст
field-themes = Теми
field-target-groups = Целеви групи
field-tags = Етикети
field-country = Държава
field-place = Място
field-location = На картата (ширина, дължина)
field-period = Период
field-period-start = Начало на работата
field-period-end = Край на работата
field-status = Статус
field-licence = Лиценз
field-contacts = Контакти
field-contacts-name = Име
field-contacts-role = Длъжност
field-contacts-email = Имейл
field-cites = Основава се на
field-adapted-from = Адаптация на
field-attachments = Файлове
field-upload = Добавяне на файлове
field-kind = Вид

## Полета на добрите практики
field-problem = Контекст и решаван проблем
field-objectives = Цели
field-approach = Подход и дейности
field-participation = Участие на целевата група
field-results = Резултати
field-people-reached = Обхванати лица
field-indicators = Индикатори за резултат
field-indicators-name = Какво се измерва
field-indicators-value = Постигната стойност
field-evaluation = Оценка и поуки
field-budget-range = Бюджет (евро)
field-staff = Ангажиран персонал
field-funding-sources = Източници на финансиране
field-sustainability = Устойчивост
field-transferability = Преносимост
field-partners = Партньорски организации

## Полета на обучителните материали
field-resource-type = Вид ресурс
field-level = Ниво
field-audience-roles = Предназначено за
field-time-required = Необходимо време
field-delivery-mode = Форма на провеждане
field-competencies = Развивани компетентности
field-prerequisites = Предварителни изисквания
field-format = Формат

## Полета на докладите от обмен
field-exchange-type = Вид обмен
field-host-city = Град домакин
field-visiting-cities = Гостуващи градове
field-participants = Участници
field-participants-name = Име
field-participants-role = Длъжност
field-participants-city = Град или организация
field-participant-count = Брой участници
field-practices-observed = Наблюдавани практики
field-findings = Констатации
field-recommendations = Препоръки
field-follow-up-actions = Последващи действия
field-follow-up-actions-action = Действие
field-follow-up-actions-owner = Отговорник
field-follow-up-actions-deadline = Срок
field-confidentiality = Поверителност

## Полета на плановете за действие
field-areas = Области
field-measures = Мерки
field-measures-title = Мярка
field-measures-owner = Отговорник
field-measures-deadline = Срок
field-measures-status = Статус
field-adoption-date = Дата на приемане

## Видове публикации
kind-good-practice = добра практика
kind-training-material = обучителен материал
kind-exchange-report = доклад от обмен
kind-action-plan = план за действие
kind-about-good-practice = Практика, която е дала резултат: проблемът, какво е направено, резултатите и от какво се нуждае друг град, за да я пренесе.
kind-about-training-material = Курс, помагало, видео или ръководство за общински служители и медиатори.
kind-about-exchange-report = Какво е установено и какво се препоръчва след учебно посещение, обмен на служители или партньорска проверка.
kind-about-action-plan = Местен план за действие с мерките, отговорниците и сроковете.

## Теми
theme-equality = Равенство
theme-inclusion = Приобщаване
theme-participation = Участие
theme-education = Образование
theme-employment = Заетост
theme-health = Здравеопазване
theme-housing = Жилищно настаняване
theme-anti-discrimination = Борба с дискриминацията
theme-migrant-integration = Интеграция на мигранти
theme-gender = Равнопоставеност на половете
theme-one-stop-shop = Обслужване на едно гише
theme-social-services = Социални услуги
theme-civil-registration = Гражданска регистрация
theme-culture-identity = Култура и идентичност
theme-early-school-leaving = Ранно напускане на училище
theme-entrepreneurship = Предприемачество

## Целеви групи
target-group-roma = Роми
target-group-sinti = Синти
target-group-caminanti = Каминанти
target-group-migrants = Мигранти
target-group-refugees = Бежанци
target-group-asylum-seekers = Търсещи закрила
target-group-children-youth = Деца и младежи
target-group-women = Жени
target-group-older-people = Възрастни хора
target-group-persons-with-disabilities = Хора с увреждания
target-group-municipal-staff = Общински служители
target-group-mediators = Медиатори

## Кодове на специфичните полета
code-planned = планирано
code-pilot = пилотна фаза
code-ongoing = в ход
code-mainstreamed = трайно въведено
code-completed = завършено
code-ended = прекратено
code-under-10k = под 10 000
code-from-10k-to-50k = 10 000 – 50 000
code-from-50k-to-200k = 50 000 – 200 000
code-from-200k-to-1m = 200 000 – 1 милион
code-over-1m = над 1 милион
code-slides = презентация
code-handout = помагало
code-video = видео
code-e-learning-module = модул за електронно обучение
code-case-study = казус
code-facilitator-guide = ръководство за обучителя
code-quiz = тест
code-introductory = начално
code-intermediate = средно
code-advanced = напреднало
code-self-paced = самостоятелно обучение
code-webinar = уебинар
code-in-person = присъствено
code-blended = смесено
code-pdf = PDF
code-scorm = SCORM пакет
code-h5p = H5P
code-document = документ
code-web = уеб страница
code-other = друго
code-study-visit = учебно посещение
code-staff-exchange = обмен на служители
code-peer-review = партньорска проверка
code-workshop = работна среща
code-mentoring = наставничество
code-public = публичен достъп
code-network = партньорска мрежа
code-restricted = ограничен достъп
code-housing = жилищно настаняване
code-education-and-training = образование и обучение
code-health = здравеопазване
code-employment = заетост
code-active-citizenship = активно гражданство
code-anti-discrimination = борба с дискриминацията
code-social-services = социални услуги
code-culture = култура
code-in-progress = в изпълнение
code-done = изпълнено
code-dropped = отпаднало

## Този език на интерфейса: името му на самия него и как пише числата
interface-language-name = Български
number-group-separator = {"\u00A0"}
number-decimal-separator = ,

## Езици на публикациите
language-en = английски
language-bg = български
language-it = италиански
language-mk = македонски
language-rom = ромски
language-rmy = влашки ромски
language-rmn = балкански ромски
language-rmc = карпатски ромски
language-rmo = синтски ромски
language-rml = балтийски ромски
language-sq = албански
language-ro = румънски
language-de = немски
language-fr = френски
language-es = испански
language-el = гръцки
language-sr = сръбски
language-hr = хърватски
language-sl = словенски
language-hu = унгарски
language-tr = турски
language-ar = арабски
language-uk = украински
language-ru = руски
language-pl = полски
language-cs = чешки
language-sk = словашки
language-nl = нидерландски
language-pt = португалски

## Държави
country-AL = Албания
country-AT = Австрия
country-BA = Босна и Херцеговина
country-BE = Белгия
country-BG = България
country-CY = Кипър
country-CZ = Чехия
country-DE = Германия
country-DK = Дания
country-EE = Естония
country-ES = Испания
country-FI = Финландия
country-FR = Франция
country-GB = Обединено кралство
country-GR = Гърция
country-HR = Хърватия
country-HU = Унгария
country-IE = Ирландия
country-IT = Италия
country-LT = Литва
country-LU = Люксембург
country-LV = Латвия
country-MD = Молдова
country-ME = Черна гора
country-MK = Северна Македония
country-MT = Малта
country-NL = Нидерландия
country-NO = Норвегия
country-PL = Полша
country-PT = Португалия
country-RO = Румъния
country-RS = Сърбия
country-SE = Швеция
country-SI = Словения
country-SK = Словакия
country-TR = Турция
country-UA = Украйна
country-XK = Косово

## Роли
role-admin = администратор
role-editor = редактор
role-reader = читател

## Градове
cities-heading = Градове
cities-own-page = Страница на този град
cities-follow-heading = Следване на град
cities-follow-label = Адрес или уеб адрес на града
cities-follow-hint = Например roma-inclusion@sofia.example или уеб адресът на профила му.
cities-follow = Следвай
cities-follow-empty = Въведете адреса на град, който да следвате.
cities-unfollow = Спри следването
cities-following = Градове, които следваме
cities-following-empty = Този град все още не следва друг град.
cities-pending = В очакване на отговор
cities-pending-empty = Няма чакащи заявки за следване.
cities-followers = Градове, които ни следват
cities-followers-empty = Все още никой град не следва този.
cities-state-pending = очаква отговор
cities-state-accepted = следваме
city-languages = Езици
city-relation = Връзка
city-we-follow = Следваме този град
city-we-asked = Поискахме да следваме този град
city-follows-us = Този град ни следва
city-items = Публикации

## Администриране
admin-heading = Администриране
admin-users = Потребители
admin-save-role = Промени ролята
admin-new-user = Нов потребител
admin-create-user = Създай потребител
admin-deliveries = Доставка до други градове
admin-pending = Чакащи доставка
admin-delivered = Доставени
admin-dead = Прекратени
admin-no-peers = Все още нищо не е изпратено до други градове.
admin-peers = Сървъри на градовете
admin-peer = Сървър
admin-health = Състояние
admin-healthy = работи нормално
admin-failing = с грешки (неуспешни опити поред: { $failures })
admin-last-success = Последна доставка
admin-last-failure = Последен неуспех
admin-last-error = Последна грешка
admin-retry = Опитай отново сега
admin-dead-letters = Прекратени доставки
admin-activity = Активност
admin-item = Материал
admin-inbox = Входяща кутия
admin-attempts = Опити
admin-queued = Добавено в опашката
admin-retried = { $count ->
    [0] Нямаше нищо за повторение.
    [one] Една доставка ще бъде повторена сега.
   *[other] { $shown } доставки ще бъдат повторени сега.
}
field-username = Потребителско име
field-display-name = Име и фамилия
field-password = Парола
field-role = Роля

## Профили
login-heading = Вход
login-button = Влез
login-invalid = Грешно потребителско име или парола.
login-throttled = { $count ->
    [one] Твърде много неуспешни опити. Опитайте отново след една секунда.
   *[other] Твърде много неуспешни опити. Опитайте отново след { $shown } секунди.
}
account-heading = Вашият профил
account-signed-in-as = Влезли сте като { $username }
account-language = Език на интерфейса
account-reads = Езици, на които чета
account-reads-about = Всеки текст на публикацията се показва на първия от тези езици, на който е написан, а след това на оригиналния си език. Оставете всички празни, за да се използват езиците на браузъра ви.
account-reads-place = Език { $shown }
account-reads-other = Още езици, като кодове (например rmy, sr-Latn)
account-reads-invalid = „{ $value }“ не е код на език: използвайте кодове като bg, it, mk или rmy.
account-reads-too-many = Най-много { $shown } езика.
account-language-browser = Според браузъра
account-tokens = API токени
account-tokens-about = Токените позволяват на скриптове и други програми да използват JSON API от ваше име. Пазете ги като пароли.
account-no-tokens = Нямате API токени.
account-token-name = За какво е токенът
account-token-starts = Започва с
account-token-created-on = Създаден
account-token-last-used = Последно използван
account-token-unused = никога
account-token-create = Създай токен
account-token-created = Вашият нов токен. Копирайте го сега: той няма да бъде показан отново.
account-token-revoke = Отмени
account-token-name-needed = Дайте име на токена, за да го разпознавате по-късно.
account-password = Парола
account-password-current = Текуща парола
account-password-new = Нова парола (поне 10 знака)
account-password-change = Смени паролата
account-password-wrong = Текущата парола е грешна.

## Грешки
error-title-bad-request = Заявката не може да бъде обработена
error-title-unauthorized = Моля, влезте в системата
error-title-forbidden = Не е разрешено
error-title-not-found = Не е намерено
error-title-too-large = Прекалено голям размер
error-title-too-many = Твърде много заявки
error-title-server = Възникна грешка в сървъра
error-title-other = Заявката е неуспешна
error-back-to-feed = Обратно към новините от мрежата
error-login-needed = Моля, влезте в системата, за да направите това.
error-role-needed = Вашата роля не позволява това. Администратор може да променя ролите.
error-csrf = Формулярът е изтекъл или не е изпратен от този сайт. Върнете се, презаредете страницата и опитайте отново.
error-item-id = Посочете уеб адреса на публикация, например /item?id=https://…
error-item-not-found = Тук няма такава публикация. Възможно е да е изтрита.
error-city-not-found = Този град все още не е известен тук.
error-unknown-kind = Няма такъв вид публикация.
error-unknown-role = Няма такава роля.
error-unknown-language = Този език на интерфейса не е наличен.
error-demote-self = Не можете да отнемете администраторската роля от себе си.
error-token-not-found = Нямате такъв активен токен.

## Проблеми с въведените данни (валидиране)
problem-required = Задължително поле.
problem-empty = Полето не може да бъде празно.
problem-too-long = Текстът е твърде дълъг: най-много { $max } знака.
problem-too-many = Твърде много елементи: най-много { $max }.
problem-not-a-country = „{ $value }“ не е код на държава; използвайте две букви, например BG, IT или MK.
problem-not-a-location = „{ $value }“ не е точка на картата; дайте географската ширина и дължина в градуси, с десетична точка, например 42.6977, 23.3219.
problem-no-title-in-language = Няма заглавие на този език ({ $language }); всяка езикова версия трябва да има заглавие.
problem-not-a-language = „{ $value }“ не е езиков код; използвайте кодове като bg, it, mk или en.
problem-original-not-among = Езикът на оригинала ({ $language }) трябва да е сред езиците на публикацията.
problem-tag-length = Етикетът трябва да е от 1 до 60 знака.
problem-ends-before-start = Краят е преди началото.
problem-not-an-email = „{ $value }“ не е имейл адрес.
problem-before-period = Тази дата е преди началото на периода на работата.
problem-not-a-number = Въведете цяло число, нула или по-голямо.
problem-unknown-code = Изберете една от предложените стойности.
problem-not-a-date = „{ $value }“ не е дата; използвайте формата 2026-03-31.
problem-not-a-url = „{ $value }“ не е уеб адрес, започващ с http:// или https://.
problem-not-a-domain = „{ $value }“ не е домейн като praxis.sofia.bg или localhost:8081.
problem-not-a-duration = „{ $value }“ не е продължителност; запишете я например като PT2H30M или P3D.
problem-in-the-future = Тази дата е в бъдещето; дата на публикуване или промяна може да е най-много един час напред.
problem-username-invalid = Използвайте от 2 до 40 малки букви, цифри, точки, тирета или долни черти.
problem-display-name-invalid = Въведете име от 1 до 100 знака.
problem-username-taken = Това потребителско име вече е заето.
problem-last-admin = Единственият администратор не може да загуби тази роля: първо направете друг потребител администратор.
problem-password-length = Паролата трябва да е поне { $min } знака.
problem-unknown-parameter = Този филтър не е разпознат.
problem-file-type-refused = { $file }: файлове от този вид ({ $value }) не се приемат. Прикачете PDF, офис документи, изображения, видео, текст или zip архиви.
problem-file-content-mismatch = { $file }: съдържанието на файла не отговаря на { $value }.
problem-file-empty = { $file }: файлът е празен.
problem-file-too-large = { $file }: файлът надвишава ограничението от { $max } байта.
problem-file-name-invalid = { $file }: името на файла трябва да е от 1 до 200 знака, без наклонени черти.
problem-upload-failed = { $file }: файлът не можа да бъде запазен; опитайте отново.
problem-file-missing = Качете файла или посочете уеб адреса му.
problem-not-a-media-type = Посочете вида на файла, например application/pdf.
problem-not-a-digest = Посочете SHA-256 отпечатъка на файла в шестнадесетичен запис.
problem-not-uploaded = Тук не е качван файл с този отпечатък; първо качете файла.
problem-unknown-field = „{ $value }“ не е поле на този вид публикация.
problem-not-text = Въведете текст.
problem-not-texts-by-language = Въведете текста поотделно за всеки език.
problem-not-a-list = Въведете списък от стойности.
problem-not-an-object = Всеки елемент трябва да има свои полета.
problem-unknown-item = В този град няма такава публикация.
problem-item-unreachable = Адаптираната публикация не можа да бъде изтеглена от нейния град; опитайте отново по-късно.
problem-not-a-city = „{ $value }“ не е адрес на град.
problem-not-a-page = Номерата на страниците започват от 1.
problem-not-a-boolean = Изберете да или не (true или false), а не „{ $value }“.
problem-per-page-range = Изберете от 1 до { $max } резултата на страница.
problem-token-name-invalid = Дайте на токена име от 1 до 100 знака, за да го разпознавате.

# Federation policy and follow requests
cities-requests = Заявки за следване, които чакат одобрение
cities-requests-empty = Няма градове, които чакат одобрение.
cities-approve = Одобряване
cities-reject = Отказ
admin-policy = Политика на федерацията
error-emblem-refused = Този файл не може да бъде герб: изберете изображение PNG, JPEG, WebP или GIF, не по-голямо от ограничението за прикачени файлове.
error-emblem-missing = Изберете файл с изображение за герба.
admin-emblem = Герб на града
admin-emblem-help = Показва се като изображение на града в Mastodon и на другите сървъри, които го следват: изображение PNG, JPEG, WebP или GIF.
admin-emblem-current = Сегашният герб на града
admin-emblem-none = Градът още няма герб.
admin-emblem-file = Файл с изображение
admin-emblem-upload = Качване на герба
admin-emblem-remove = Премахване на герба
admin-policy-about = С кои градове този град обменя знания. Промяната важи веднага и в двете посоки.
admin-policy-mode = Режим
policy-mode-open = Отворен: всички градове
policy-mode-allowlist = Списък с разрешени: само партньорски градове
policy-mode-blocklist = Списък с блокирани: всички градове без блокираните
admin-policy-hold = Заявките за следване от градове извън списъка с разрешени чакат одобрение
admin-policy-save = Запазване на политиката
admin-allowlist = Разрешени (партньорски градове)
admin-blocklist = Блокирани
admin-policy-empty = Няма домейни.
admin-domain = Домейн
admin-domain-hint = Например praxis.sofia.bg, адрес на град като tran@praxis.tran.bg или уеб адресът му.
admin-note = Бележка
admin-policy-remove = Премахване
admin-policy-add-heading = Добавяне на домейн
admin-policy-list = Списък
admin-policy-add = Добавяне
policy-list-allow = Разрешени
policy-list-block = Блокирани
error-unknown-policy-mode = Непознат режим на политиката на федерацията.
error-unknown-policy-list = Непознат списък: изберете разрешени или блокирани.

# Audiences
problem-confidential-in-public = Докладът е отбелязан като „{ $value }“: изберете аудитория „партньорски градове“ или „само посочените градове“, а не „всички“.
problem-cities-only-for-named = Градове се избират само за аудиторията „само посочените градове“.
problem-city-unreachable = Градът { $value } не може да бъде достигнат; проверете адреса или опитайте по-късно.
editor-section-audience = Кой може да го чете
field-audience = Аудитория
hint-audience = Всички (в мрежата и в отворения интернет), партньорските градове, които следват този град, или само градовете, които посочите. Публикации за по-тесен кръг никога не се показват на публични страници, в абонаменти или в търсенията на други градове и не могат да се споделят.
field-audience-cities = Посочени градове
hint-audience-cities = За „само посочените градове“: например домакинът и гостуващите градове на обмен.
audience-public = всички
audience-partners = само партньорски градове
audience-cities = само посочените градове
audience-named-cities = { $count ->
    [one] само посоченият град
   *[other] само { $count } посочени града
}
item-audience = За

audience-community = само членовете на общността
city-removed-us = Този град ни отстрани от своята общност
problem-handle-invalid = Идентификаторът е от 2 до 40 малки латински букви, цифри или „_“, например employment.
problem-handle-taken = „{ $value }“ вече е идентификатор на този град или на негова общност.
problem-not-a-community = „{ $value }“ не е общност, която този град познава.
problem-not-a-member = Този град не е член на „{ $value }“: първо се присъединете към общността.
problem-community-needed = Изберете общността, чиито членове могат да четат материала.
problem-community-post-audience = Материал, публикуван в общност, е за всички или само за членовете на общността.

## Communities of practice
nav-communities = Общности
nav-directory = Указател
nav-saved = Запазени
communities-heading = Общности на практиката
communities-about = Общността събира градове, които работят по една тема. Членовете публикуват в нея и получават всичко публикувано, също и от градове, които не следват.
communities-list = Общности, които този град познава
communities-empty = Този град все още не е домакин на общност и не е член на никоя.
communities-standing = Този град
communities-standing-host = домакин
communities-standing-member = член
communities-standing-pending = чака одобрение
communities-standing-removed = отстранен от модератор
communities-standing-none = не е член
communities-join = Присъединяване
communities-leave = Напускане
communities-join-heading = Присъединяване към общност на друг сървър
communities-join-label = Адрес или уеб адрес на общността
communities-join-empty = Въведете адреса на общността, към която да се присъедините.
communities-create-heading = Нова общност с домакин този град
communities-handle = Идентификатор
communities-handle-hint = От 2 до 40 малки латински букви, цифри или _; заедно със сървъра на града образува адреса за присъединяване и не може да се променя.
communities-name = Име
communities-summary = За какво е
communities-membership = Членство
communities-membership-open = отворено: всеки град, който поиска, става член веднага
communities-membership-approval = с одобрение: модератор приема всеки град
communities-create = Създаване на общността
communities-not-found = Този град не познава такава общност.
communities-members = Градове в общността
communities-members-empty = Все още никой град не е поискал да се присъедини.
communities-moderators = Модератори
communities-readmit = Позволяване на нова молба
communities-remove-member = Отстраняване от общността
communities-appoint-label = Назначаване на модератор (потребителско име на редактор)
communities-appoint = Назначаване
communities-items = Публикувано в общността
communities-items-empty = В тази общност все още няма публикации.
communities-remove-item = Премахване от общността
communities-unknown-action = Това не е действие, което модератор може да извърши.
field-community = Публикуване в общност
hint-community = Членовете ѝ получават материала, също и тези, които не следват този град. Изберете „само членовете на общността“ за аудитория, за да остане в общността.
communities-search = Търсене в тази общност

# Translations: the review queue
nav-translations = Преводи
translations-heading = Преводи
translations-incoming = Предложени за нашите материали
translations-outgoing = Нашите преводи на материали на други градове
translations-none = Още няма.
translations-item = Материал
translations-language = Език
translations-translator = Преведено от
translations-origin = Град на материала
translations-state = Състояние
translations-review = Преглед
translation-state-proposed = Чака преглед
translation-state-accepted = Приет
translation-state-declined = Отхвърлен
review-heading = Преглед на превод
review-from = Превод на { $language } от { $city }.
review-changed-since = Материалът е променен след като преводът е направен: сверете го с текущите текстове вляво.
review-explained = С приемането тези текстове се публикуват в материала, като { $city } е посочен като преводач; всеки град, който има материала, ги получава. Може първо да ги поправите.
review-accept = Приеми и публикувай
review-decline = Отхвърли
review-message = Защо го отхвърляте (изпраща се на { $city })
review-message-needed = Кажете защо отхвърляте превода.
review-changed = Материалът беше променен, докато преглеждахте превода: прегледайте го отново спрямо текущите текстове.
review-decided = За този превод вече е решено.
review-not-found = Тук няма такъв превод.

# Machine translation
machine-offer = Машинен превод на { $language }
machine-mark = машинен превод от { $language }
machine-body-mark = Текстът по-долу е машинен превод от { $language }.
machine-note = Текстовете, отбелязани като машинен превод, са преведени на { $language } от системата за превод на този град: никой не ги е прегледал и може да съдържат грешки. Те не са част от материала.
machine-read-original = Прочетете оригинала
machine-contribute = Започнете от него превод за града на материала
machine-no-language = Посочете на кой език да се преведе.
machine-off = Тази инсталация няма машинен превод.
machine-nothing-missing = Този материал вече има всички текстове на вашия език.
machine-budget-spent = Дневният лимит за машинен превод е изчерпан. Вече направените преводи могат да се четат; опитайте отново утре.
machine-engine-failed = Системата за превод не отговори. Опитайте отново по-късно.
translate-from-machine = Празните полета са попълнени от машинния превод: проверете и поправете всеки текст, преди да го изпратите.

# Deactivating accounts, resetting passwords
login-deactivated = Този профил е деактивиран. Помолете администратор на вашия град да го активира отново.
error-deactivate-self = Не можете да деактивирате собствения си профил.
error-no-such-user = Няма такъв потребител.
admin-account = Профил
admin-inactive = Деактивиран
admin-deactivate = Деактивирай
admin-reactivate = Активирай отново
admin-reset-password = Нова парола
admin-deactivated = { $user } е деактивиран: излязъл е от системата и неговите API ключове вече не работят.
admin-reactivated = { $user } отново може да влиза.
admin-password-reset = Новата парола на { $user } е { $password } — предайте му я; показва се само сега. Излязъл е от системата навсякъде.
problem-last-active-admin = Единственият активен администратор не може да бъде деактивиран: първо направете друг потребител администратор.

# Federation policy: what a change cuts off
cities-policy-allowed = разрешен от политиката за федерация
cities-policy-not-member = не е в списъка с разрешени: нищо не се обменя
cities-policy-blocked = блокиран: нищо не се обменя
policy-confirm-heading = Да се прекъсне ли връзката с тези градове?
policy-confirm-explained = { $count ->
    [one] Преминаването към „{ $mode }“ спира всякакъв обмен с един град, който следвате или който ви следва:
   *[other] Преминаването към „{ $mode }“ спира всякакъв обмен с { $count } града, които следвате или които ви следват:
}
policy-confirm-hint = Нищо повече не им се изпраща и не се приема от тях; следванията остават и обменът се възобновява, ако отново бъдат разрешени. За да ги запазите, първо добавете домейните им в списъка с разрешени.
policy-confirm-button = Премини и прекъсни връзката
policy-cut-followed = следван
policy-cut-follower = следва този град
policy-cut-both = следван и следва този град

# A deleted item's address, to browsers
error-title-gone = Изтрито
item-deleted-by-city = Градът е изтрил този материал. Другите му материали са на страницата на града и в потока.

# What an action did, said on the page it leads to
done-published = Материалът е публикуван и е на път към градовете, които следват този град.
done-saved = Промените са запазени и изпратени до градовете, които имат материала.
done-emblem-saved = Гербът е запазен и градовете, които следват този, са уведомени.
done-emblem-removed = Гербът е премахнат.
done-deleted = Материалът е изтрит; градовете, които го имаха, са уведомени.
done-followed = Заявката за следване е изпратена; материалите на града пристигат, след като я приеме.
done-unfollowed = Този град вече не следва онзи град.
done-user-created = Профилът е създаден. Дайте потребителското име и паролата на собственика му.
done-saved-for-later = Материалът е в списъка ви „Запазени за по-късно“.
done-unsaved = Материалът е махнат от списъка ви „Запазени за по-късно“.

# Unfollowing asks first
unfollow-confirm-heading = Да спрете ли да следвате?
unfollow-confirm-question = Да спрете ли да следвате { $city }?
unfollow-confirm-hint = Новите му материали вече няма да пристигат; пристигналите остават. Можете да го последвате отново по всяко време.

# Following: what went wrong, and what to do
cities-follow-not-an-address = „{ $text }“ не е адрес на град. Напишете го като име@домейн, например vidin@praxis.vidin.bg, или поставете адреса на страницата на града.
cities-follow-did-you-mean = Имахте предвид { $cities }?
cities-follow-self = Един град не може да следва себе си.
cities-follow-refused = Политиката за федерация на този град не разрешава { $city }. Администратор може да добави домейна му в списъка с разрешени на страницата за администрация.
cities-follow-unreachable = { $city } не може да бъде достигнат. Проверете адреса; ако е верен, сървърът на града може да не работи: опитайте по-късно.

# The delivery table in words
delivery-kind-create = нов материал
delivery-kind-update = променен материал
delivery-kind-delete = изтриване
delivery-kind-announce = споделен материал
delivery-kind-follow = заявка за следване
delivery-kind-undo = оттегляне
delivery-kind-accept = приемане
delivery-kind-reject = отказ
delivery-kind-offer = предложен превод
delivery-kind-add = публикация в общност
delivery-kind-remove = премахване от общност
delivery-failed-status = Сървърът на града отговори с грешка ({ $status }). Опитва се отново; ако продължи, уведомете администраторите на града.
delivery-failed-unreachable = Сървърът на града не може да бъде достигнат. Опитва се отново; проверете дали адресът още работи.
delivery-failed-gone = Не е изпратено: входящата кутия на града отговори, че вече не съществува ({ $status }). Опитайте отново, когато градът се върне.


# Saved for later
saved-heading = Запазени за по-късно
saved-empty = Още няма запазени. „Запази за по-късно“ на даден материал го поставя тук, само за вас.
saved-add = Запази за по-късно
saved-remove = Запазено · махни от списъка


# The directory of the network
directory-heading = Градовете в мрежата
directory-intro = Всички градове, които този град познава: тези, които следва, тези, които го следват, и срещнатите чрез споделени материали, общности и манифеста на мрежата.
directory-map-caption = Градове с посочено местоположение; основна карта: Natural Earth (обществено достояние).
directory-map-caption-tiles = Градове с посочено местоположение; плочки на картата: { $attribution }.
directory-this-city = Този град
directory-mutual = Следван и следва този град
directory-followed = Следван
directory-asked = Изпратена заявка за следване
directory-follows-us = Следва този град
directory-known = Известен чрез мрежата
directory-items = { $count ->
    [0] няма материали тук
    [one] един материал тук
   *[other] { $shown } материала тук
}
directory-placed-items = { $count ->
    [one] Зеленото квадратче е материал с посочено място: там се случва описаното в него.
   *[other] { $shown }-те зелени квадратчета са материали с посочено място: там се случва описаното във всеки.
}
directory-further-heading = По-нататък в мрежата
directory-further-intro = Градове, следвани от градовете, които този град следва, но все още непознати тук. Следването на някой от тях носи знанията му тук.
directory-followed-by = Следван от { $cities }
directory-unplaced = { $count ->
    [one] Един град не е посочил къде се намира.
   *[other] { $shown } града не са посочили къде се намират.
}

# Mail and subscriptions
subscriptions-heading = Поща и абонаменти
subscriptions-mail-off = Този град не е настроил поща, затова нищо не може да ви бъде изпратено по имейл.
subscriptions-address-heading = Къде получавате поща
subscriptions-email = Вашият имейл адрес
subscriptions-email-hint = Бюлетините и известията идват тук; оставете празно, за да не получавате нищо.
subscriptions-notify-questions = Известявай ме, когато град пита за наш материал или отговори на наш въпрос
subscriptions-list-heading = Вашите бюлетини
subscriptions-empty = Още нямате бюлетини. Търсете или филтрирайте в потока, после „Получавайте новите резултати по имейл“.
subscriptions-remove = Спри
subscriptions-daily = всеки ден
subscriptions-weekly = всяка седмица
subscriptions-bad-frequency = Изберете всеки ден или всяка седмица.
subscriptions-bad-search = Това търсене не може да бъде запазено: върнете се в потока и се абонирайте оттам.
subscriptions-address-first = Първо посочете имейл адреса си: бюлетинът отива там.
subscriptions-too-many = Вече имате { $max } бюлетина: спрете един, преди да добавите друг.
subscriptions-not-found = Нямате такъв бюлетин (може би вече е спрян).
subscribe-label = Получавайте новите резултати по имейл
subscribe-button = Абонирай се
done-mail-saved = Настройките за поща са запазени.
done-subscribed = Абонирахте се: новите резултати ще идват по имейл.
done-unsubscribed = Бюлетинът е спрян.
mail-digest-subject = { $count ->
    [one] Един нов материал: { $label }
   *[other] { $count } нови материала: { $label }
}
mail-digest-intro = Ново в мрежата за „{ $label }“ от { $since }:
mail-digest-why = Получавате този бюлетин, защото се абонирахте в Praxis на { $city }. Променете или спрете бюлетините си:
mail-question-subject = Въпрос от { $city } за „{ $title }“
mail-question-intro = { $city } попита за „{ $title }“:
mail-answer-subject = { $city } отговори за „{ $title }“
mail-answer-intro = { $city } отговори на въпроса на този град за „{ $title }“:
mail-notice-why = Получавате тези известия, защото сте ги поискали. Променете настройките си за поща:
reply-signed = { $person } от името на

## Errors explained by their code (shown on pages for errors the page did not word itself)
error-technical-details = Подробности за вашия администратор
error-too-many-uploads = Наведнъж могат да се качат най-много { $shown } файла. Качете останалите при следваща редакция.
error-explain-bad-request = Заявката не можа да бъде разбрана във вида, в който е изпратена. Върнете се, проверете въведеното и опитайте отново.
error-explain-invalid = Част от въведеното не е валидно. Върнете се, поправете го и опитайте отново.
error-explain-validation-failed = Част от въведеното не е валидно. Върнете се, поправете отбелязаните полета и опитайте отново.
error-explain-invalid-json = Изпратените данни не можаха да бъдат прочетени. Върнете се и опитайте отново; ако се повтори, кажете на администратора си.
error-explain-unauthorized = Трябва да влезете, за да видите тази страница или да направите това.
error-explain-forbidden = Нямате право да направите това. Ако смятате, че трябва да имате, попитайте администратор на вашия град.
error-explain-federation-refused = Този град не обменя с тази инстанция: политиката му на федериране я отказва. Администратор може да промени политиката на страницата „Градове“.
error-explain-url-refused = Този адрес не може да бъде достигнат оттук: не е публичен адрес или настройките на този град го отказват. Проверете адреса или попитайте администратора си.
error-explain-not-found = Търсеното го няма тук: може да е преместено или изтрито, или име или адрес да е изписан грешно. Върнете се и проверете или потърсете в мрежовия поток.
error-explain-gone = Това е изтрито от своя град. Потърсете по-нова версия в мрежовия поток.
error-explain-conflict = Нещо се промени, докато работехте по това. Презаредете страницата, за да видите текущото състояние, и опитайте отново.
error-explain-moved = Този град се премести на нов адрес. Публикувайте и редактирайте там: този адрес само продължава да отговаря за публикуваното от него.
error-explain-duplicate = Това вече е получено; не е нужно нищо повече.
error-explain-payload-too-large = Изпратеното е по-голямо, отколкото този град приема. Изпратете по-малък файл или по-кратък текст.
error-explain-unsupported-media-type = Този вид съдържание не се приема тук.
error-explain-exhausted = Засега е достигнат лимит на този град. Опитайте отново по-късно (утре при дневните лимити).
error-explain-upstream = Услуга, на която този град разчита, не отговори както трябва. Опитайте отново след няколко минути; ако продължава, кажете на администратора си.
error-explain-fetch-failed = Другият град не можа да бъде достигнат или отговори с нещо нечетимо. Опитайте по-късно; ако продължава, проверете адреса с този град.
error-explain-fetch-limit = Отговорът изисква повече заявки към други градове, отколкото е позволено наведнъж. Опитайте по-късно.
error-explain-invalid-object = Изпратеното от другия град не е валиден материал. Кажете на администратора на този град.
error-explain-invalid-activity = Изпратеното не е действие, което този град разбира.
error-explain-signature-invalid = Подписът на заявката не съответства на изпращача ѝ.
error-explain-digest-invalid = Заявката е променена по пътя или контролната ѝ сума липсва.
error-explain-internal-error = Нещо се обърка на сървъра на този град. Опитайте отново; ако се повтори, кажете на администратора си (подробностите са в дневника на сървъра).
error-explain-unhealthy = Сървърът на този град в момента не работи както трябва. Опитайте отново след няколко минути.

admin-move = Преместване на града на нов адрес
admin-move-help = Когато градът смени уеб адреса си (сливане, нов домейн), първо подгответе новата инстанция и посочете актьора на този град в нейната конфигурация ([city] also_known_as). За да пренесете материалите, възстановете там архива на този град (praxis export, после praxis restore). След това въведете тук актьора на новия град: последователите се уведомяват и започват да следват новия град.
admin-move-known-as = Преди този град е бил известен като:
admin-move-moved = Този град се премести на
admin-move-items = { $count ->
    [one] Един материал на града има новия си адрес там; старата връзка води до него.
   *[other] { $shown } материала на града имат новия си адрес там; старите връзки водят до тях.
}
admin-move-to = Актьорът на новия град (URL)
admin-move-confirm = Разбирам, че всеки последовател ще следва новия град вместо този.
admin-move-submit = Преместване на града
error-move-unconfirmed = Първо потвърдете преместването: отметнете полето, което казва какво прави то.
error-move-target = „{ $target }“ не е адрес на актьор на град, като https://praxis.example/city.
error-move-not-named = Градът на { $target } не посочва този град сред актьорите, които е бил преди. Добавете актьора на този град в неговото [city] also_known_as, рестартирайте го и опитайте отново. Нищо не е променено.
done-moved = Градът се премести: последователите му са уведомени и ще следват новия град.
