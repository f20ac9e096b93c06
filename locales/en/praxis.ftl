# Praxis interface strings: English (the reference catalogue).
# Every other language has exactly the same keys (checked by `cargo test`).

## Page frame
skip-to-content = Skip to content
nav-label = Main
nav-feed = Network
nav-new = Publish
nav-cities = Cities
nav-admin = Administration
nav-login = Log in
nav-logout = Log out
nav-languages = Interface language
footer-about = Praxis: knowledge shared between partner cities, city to city.
footer-api = JSON API
footer-atom = Atom feed of this page

## Dates and numbers
date-format = { $day } { $month } { $year }
datetime-format = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Feed and search
feed-heading = Network feed
search-heading = Search: “{ $query }”
search-label = Search the knowledge of the network, in any language
search-placeholder = e.g. school mediators
search-button = Search
search-invalid = Some filters were not understood and were left out:
search-empty = Nothing matches “{ $query }”.
search-empty-filtered = Nothing matches “{ $query }” with the filters you chose.
search-empty-filters = No item matches the filters you chose.
search-empty-hint = Try another word, the start of a word (“mediat” finds mediator and mediatori), or the word in another language.
search-without-filters = Search without the filters
search-rebuilding = The search index is being rebuilt ({ $indexed } of { $total } items so far): some results may be missing for a moment.
filters-heading = Filters
filters-apply = Apply filters
filters-clear = Clear filters
skip-to-results = Skip to results
filters-chosen = { $count ->
    [one] (one chosen)
   *[other] ({ $shown } chosen)
}
sort-label = Order
sort-relevance = Best match
sort-newest = Newest
sort-updated = Recently updated
sort-apply = Sort
filter-kind = Kind
filter-theme = Theme
filter-target-group = Target group
filter-city = City
filter-country = Country
filter-language = Language
filter-reuse = Reuse
filter-adapted = Adapted by other cities
filter-period = Period of the work
filter-from = From
filter-to = To
results-heading = Results
results-count = { $count ->
    [0] Nothing found.
    [one] One item.
   *[other] { $shown } items.
}
feed-empty = Nothing here yet. Follow a partner city or publish a practice to start.
card-shared-by = shared by
card-adapted-by = { $count ->
    [one] adapted by one city
   *[other] adapted by { $shown } cities
}
pager-label = Pages
pager-previous = ← Previous
pager-next = Next →
page-of = Page { $page } of { $pages }
items-count = { $count ->
    [0] No items yet.
    [one] One item.
   *[other] { $shown } items.
}

## Item page
item-published-by = Published by
item-updated = updated
item-shared-by = Reached this city through
item-adapted-from = Adapted from
item-languages = Languages of this item
item-read-in = Read in:
item-missing-in = Not yet in { $language }: { $fields }. These are shown in another language, marked with its name.
item-body-in = The text below is in { $language }.
item-translated-by = The { $language } version was translated by { $translator }.
item-translation-unreviewed = The { $language } version is a translation by { $translator }, not yet reviewed by { $origin }.
item-translate = Translate
translate-heading = Translate a practice
translate-into = Translate into
translate-choose-language = Choose
translate-original = Original
translate-translation = Translation into { $language }
translate-explained = Readers of { $city } see the translation at once, marked as not yet reviewed. The city that published the item reviews it and may publish it in its item, naming { $city } as the translator.
translate-send = Send the translation
translate-own-item = This is an item of this city: edit it instead of translating it.
translate-no-language = Choose the language to translate into.
item-about = About
item-attachments = Files
item-adapted-by = Adapted by
item-related = Related practices
item-replies = Questions and answers
item-no-replies = No questions yet.
item-reply-label = Ask the city a question or answer one
item-reply-send = Send
item-actions = Actions
item-edit = Edit
item-delete = Delete
item-share = Share with our followers
item-adapt = Adapt for our city

## Publishing
new-heading = What would you like to publish?
new-kind-heading = New { $kind }
edit-heading = Edit item
editor-section-texts = Texts
editor-section-about = About the work
form-has-errors = Please correct the marked fields
form-required = (required)
form-save = Save
form-cancel = Cancel
form-update-languages = Show these languages
choice-none = —
delete-heading = Delete item
delete-question = Delete this item?
delete-federated = Cities that follow this one are told to delete their copies too.
delete-confirm = Delete
hint-languages = Tick the languages of this item; type others by name or code, separated by commas, like “Albanian” or “sq, tr”. Each language gets its own column.
hint-summary = One or two sentences shown in lists.
hint-body = Paragraphs separated by an empty line. **bold**, *italic*, [a link](https://…), lines starting with - for a list, ## for a heading.
editor-preview = Preview
editor-preview-heading = How the texts will read
hint-tags = Separated by commas.
hint-country = Two-letter code, like BG, IT or MK.
hint-location = Where the work happens, for the network's map: right-click the place on an online map and copy its coordinates, like 42.6977, 23.3219.
hint-licence = For example CC-BY-4.0.
hint-lines = One per line.
hint-links = One web address per line.
hint-adapted-from = The web address of the item this one adapts.
hint-duration = Like PT2H30M (2 hours 30 minutes) or P3D (3 days).
hint-upload = PDF, office documents, images, video, text or zip packages.

## Fields shared by every kind
field-languages = Languages
field-languages-other = Other languages
field-original-language = Original language
field-title = Title
field-summary = Summary
field-body = Text
field-themes = Themes
field-target-groups = Target groups
field-tags = Tags
field-country = Country
field-place = Place
field-location = On the map (latitude, longitude)
field-period = Period
field-period-start = Start of the work
field-period-end = End of the work
field-status = Status
field-licence = Licence
field-contacts = Contacts
field-contacts-name = Name
field-contacts-role = Role
field-contacts-email = E-mail
field-cites = Builds on
field-adapted-from = Adapts
field-attachments = Files
field-upload = Add files
field-kind = Kind

## Fields of good practices
field-problem = Context and problem addressed
field-objectives = Objectives
field-approach = Approach and activities
field-participation = How the target group took part
field-results = Results
field-people-reached = People reached
field-indicators = Result indicators
field-indicators-name = What is measured
field-indicators-value = Value reached
field-evaluation = Evaluation and lessons learned
field-budget-range = Budget (euro)
field-staff = Staff involved
field-funding-sources = Sources of funding
field-sustainability = Sustainability
field-transferability = Transferability
field-partners = Partner organisations

## Fields of training materials
field-resource-type = Type of resource
field-level = Level
field-audience-roles = Meant for
field-time-required = Time required
field-delivery-mode = Delivery
field-competencies = Competencies taught
field-prerequisites = Prerequisites
field-format = Format

## Fields of exchange reports
field-exchange-type = Type of exchange
field-host-city = Host city
field-visiting-cities = Visiting cities
field-participants = Participants
field-participants-name = Name
field-participants-role = Role
field-participants-city = City or organisation
field-participant-count = Number of participants
field-practices-observed = Practices observed
field-findings = Findings
field-recommendations = Recommendations
field-follow-up-actions = Follow-up actions
field-follow-up-actions-action = Action
field-follow-up-actions-owner = Who
field-follow-up-actions-deadline = By when
field-confidentiality = Confidentiality

## Fields of action plans
field-areas = Areas
field-measures = Measures
field-measures-title = Measure
field-measures-owner = Responsible
field-measures-deadline = By when
field-measures-status = Status
field-adoption-date = Adopted on

## Kinds
kind-good-practice = good practice
kind-training-material = training material
kind-exchange-report = exchange report
kind-action-plan = action plan
kind-about-good-practice = A practice that worked: the problem, what was done, results and what another city needs to transfer it.
kind-about-training-material = A course, handout, video or guide for municipal staff and mediators.
kind-about-exchange-report = What a study visit, staff exchange or peer review found and recommends.
kind-about-action-plan = A local action plan with its measures, owners and deadlines.

## Themes
theme-equality = Equality
theme-inclusion = Inclusion
theme-participation = Participation
theme-education = Education
theme-employment = Employment
theme-health = Health
theme-housing = Housing
theme-anti-discrimination = Anti-discrimination
theme-migrant-integration = Migrant integration
theme-gender = Gender
theme-one-stop-shop = One-stop shops
theme-social-services = Social services
theme-civil-registration = Civil registration
theme-culture-identity = Culture and identity
theme-early-school-leaving = Early school leaving
theme-entrepreneurship = Entrepreneurship

## Target groups
target-group-roma = Roma
target-group-sinti = Sinti
target-group-caminanti = Caminanti
target-group-migrants = Migrants
target-group-refugees = Refugees
target-group-asylum-seekers = Asylum seekers
target-group-children-youth = Children and young people
target-group-women = Women
target-group-older-people = Older people
target-group-persons-with-disabilities = Persons with disabilities
target-group-municipal-staff = Municipal staff
target-group-mediators = Mediators

## Codes of the kind-specific fields
code-planned = planned
code-pilot = pilot
code-ongoing = ongoing
code-mainstreamed = mainstreamed
code-completed = completed
code-ended = ended
code-under-10k = under 10,000
code-from-10k-to-50k = 10,000 – 50,000
code-from-50k-to-200k = 50,000 – 200,000
code-from-200k-to-1m = 200,000 – 1 million
code-over-1m = over 1 million
code-slides = slides
code-handout = handout
code-video = video
code-e-learning-module = e-learning module
code-case-study = case study
code-facilitator-guide = facilitator guide
code-quiz = quiz
code-introductory = introductory
code-intermediate = intermediate
code-advanced = advanced
code-self-paced = self-paced
code-webinar = webinar
code-in-person = in person
code-blended = blended
code-pdf = PDF
code-scorm = SCORM package
code-h5p = H5P
code-document = document
code-web = web page
code-other = other
code-study-visit = study visit
code-staff-exchange = staff exchange
code-peer-review = peer review
code-workshop = workshop
code-mentoring = mentoring
code-public = public
code-network = partner network
code-restricted = restricted
code-housing = housing
code-education-and-training = education and training
code-health = health
code-employment = employment
code-active-citizenship = active citizenship
code-anti-discrimination = anti-discrimination
code-social-services = social services
code-culture = culture
code-in-progress = in progress
code-done = done
code-dropped = dropped

## This interface language: its name in itself, and how it writes numbers
interface-language-name = English
number-group-separator = ,
number-decimal-separator = .

## Languages of items
language-en = English
language-bg = Bulgarian
language-it = Italian
language-mk = Macedonian
language-rom = Romani
language-rmy = Vlax Romani
language-rmn = Balkan Romani
language-rmc = Carpathian Romani
language-rmo = Sinte Romani
language-rml = Baltic Romani
language-sq = Albanian
language-ro = Romanian
language-de = German
language-fr = French
language-es = Spanish
language-el = Greek
language-sr = Serbian
language-hr = Croatian
language-sl = Slovenian
language-hu = Hungarian
language-tr = Turkish
language-ar = Arabic
language-uk = Ukrainian
language-ru = Russian
language-pl = Polish
language-cs = Czech
language-sk = Slovak
language-nl = Dutch
language-pt = Portuguese

## Countries
country-AL = Albania
country-AT = Austria
country-BA = Bosnia and Herzegovina
country-BE = Belgium
country-BG = Bulgaria
country-CY = Cyprus
country-CZ = Czechia
country-DE = Germany
country-DK = Denmark
country-EE = Estonia
country-ES = Spain
country-FI = Finland
country-FR = France
country-GB = United Kingdom
country-GR = Greece
country-HR = Croatia
country-HU = Hungary
country-IE = Ireland
country-IT = Italy
country-LT = Lithuania
country-LU = Luxembourg
country-LV = Latvia
country-MD = Moldova
country-ME = Montenegro
country-MK = North Macedonia
country-MT = Malta
country-NL = Netherlands
country-NO = Norway
country-PL = Poland
country-PT = Portugal
country-RO = Romania
country-RS = Serbia
country-SE = Sweden
country-SI = Slovenia
country-SK = Slovakia
country-TR = Türkiye
country-UA = Ukraine
country-XK = Kosovo

## Roles
role-admin = administrator
role-editor = editor
role-reader = reader

## Cities
cities-heading = Cities
cities-own-page = This city's page
cities-follow-heading = Follow a city
cities-follow-label = Address or web address of the city
cities-follow-hint = Like roma-inclusion@sofia.example, or the web address of its profile.
cities-follow = Follow
cities-follow-empty = Type the address of a city to follow.
cities-unfollow = Unfollow
cities-following = Cities we follow
cities-following-empty = This city follows no other city yet.
cities-pending = Waiting for an answer
cities-pending-empty = No follow requests are waiting.
cities-followers = Cities that follow us
cities-followers-empty = No city follows this one yet.
cities-state-pending = waiting for an answer
cities-state-accepted = following
city-languages = Languages
city-relation = Relationship
city-we-follow = We follow this city
city-we-asked = We asked to follow this city
city-follows-us = This city follows us
city-items = Published items

## Administration
admin-heading = Administration
admin-users = Users
admin-save-role = Change role
admin-new-user = New user
admin-create-user = Create user
admin-deliveries = Delivery to other cities
admin-pending = Waiting to be delivered
admin-delivered = Delivered
admin-dead = Given up
admin-no-peers = Nothing has been sent to other cities yet.
admin-peers = Cities' servers
admin-peer = Server
admin-health = Health
admin-healthy = healthy
admin-failing = failing ({ $failures } attempts in a row)
admin-last-success = Last delivered
admin-last-failure = Last failure
admin-last-error = Last error
admin-retry = Retry now
admin-dead-letters = Deliveries given up
admin-activity = Activity
admin-item = Item
admin-inbox = Inbox
admin-attempts = Attempts
admin-queued = Queued
admin-retried = { $count ->
    [0] There was nothing to retry.
    [one] One delivery will be retried now.
   *[other] { $shown } deliveries will be retried now.
}
field-username = User name
field-display-name = Full name
field-password = Password
field-role = Role

## Accounts
login-heading = Log in
login-button = Log in
login-invalid = The user name or the password is wrong.
login-throttled = { $count ->
    [one] Too many failed attempts. Try again in one second.
   *[other] Too many failed attempts. Try again in { $shown } seconds.
}
account-heading = Your account
account-signed-in-as = Logged in as { $username }
account-language = Interface language
account-reads = Languages I read
account-reads-about = Every text of an item is shown in the first of these languages it is written in, then in its original language. Leave them all empty to use your browser's languages.
account-reads-place = Language { $shown }
account-reads-other = More languages, as codes (for example rmy, sr-Latn)
account-reads-invalid = “{ $value }” is not a language code: use codes such as bg, it, mk or rmy.
account-reads-too-many = At most { $shown } languages, please.
account-language-browser = As the browser asks
account-tokens = API tokens
account-tokens-about = Tokens let scripts and other programs use the JSON API as you. Treat them like passwords.
account-no-tokens = You have no API tokens.
account-token-name = What the token is for
account-token-starts = Starts with
account-token-created-on = Created
account-token-last-used = Last used
account-token-unused = never
account-token-create = Create token
account-token-created = Your new token. Copy it now: it will not be shown again.
account-token-revoke = Revoke
account-token-name-needed = Give the token a name, to tell it apart later.
account-password = Password
account-password-current = Current password
account-password-new = New password (at least 10 characters)
account-password-change = Change password
account-password-wrong = The current password is wrong.

## Errors
error-title-bad-request = The request could not be handled
error-title-unauthorized = Please log in
error-title-forbidden = Not allowed
error-title-not-found = Not found
error-title-too-large = Too large
error-title-too-many = Too many requests
error-title-server = Something went wrong on the server
error-title-other = The request failed
error-back-to-feed = Back to the network feed
error-login-needed = Please log in to do this.
error-role-needed = Your role does not allow this. An administrator can change roles.
error-csrf = The form has expired or did not come from this site. Go back, reload the page and try again.
error-item-id = Give the web address of an item, like /item?id=https://…
error-item-not-found = There is no such item here. It may have been deleted.
error-city-not-found = This city is not known here yet.
error-unknown-kind = There is no such kind of item.
error-unknown-role = There is no such role.
error-unknown-language = This interface language is not available.
error-demote-self = You cannot take the administrator role from yourself.
error-token-not-found = You have no such active token.

## Problems with what was entered (validation)
problem-required = Required.
problem-empty = Must not be empty.
problem-too-long = Too long: at most { $max } characters.
problem-too-many = Too many: at most { $max }.
problem-not-a-country = “{ $value }” is not a country code; use two letters, like BG, IT or MK.
problem-not-a-location = “{ $value }” is not a point on the map; give the latitude and the longitude in degrees, with decimal points, like 42.6977, 23.3219.
problem-no-title-in-language = There is no title in this language ({ $language }); every language version needs a title.
problem-not-a-language = “{ $value }” is not a language code; use codes like bg, it, mk or en.
problem-original-not-among = The original language ({ $language }) must be one of the item's languages.
problem-tag-length = A tag has 1 to 60 characters.
problem-ends-before-start = The end is before the start.
problem-not-an-email = “{ $value }” is not an e-mail address.
problem-before-period = This date is before the period of the work starts.
problem-not-a-number = Enter a whole number, zero or more.
problem-unknown-code = Choose one of the offered values.
problem-not-a-date = “{ $value }” is not a date; use the form 2026-03-31.
problem-not-a-url = “{ $value }” is not a web address starting with http:// or https://.
problem-not-a-domain = “{ $value }” is not a domain like praxis.sofia.bg or localhost:8081.
problem-not-a-duration = “{ $value }” is not a duration; write it like PT2H30M or P3D.
problem-in-the-future = This date is in the future; a published or updated date can be at most an hour ahead.
problem-username-invalid = Use 2 to 40 lowercase letters, digits, dots, dashes or underscores.
problem-display-name-invalid = Enter a name of 1 to 100 characters.
problem-username-taken = This user name is taken.
problem-last-admin = The only admin cannot stop being one: make another user admin first.
problem-password-length = The password needs at least { $min } characters.
problem-unknown-parameter = This filter is not known.
problem-file-type-refused = { $file }: files of this type ({ $value }) are not accepted. Attach PDF, office documents, images, video, text or zip packages.
problem-file-content-mismatch = { $file }: the content of the file is not { $value }.
problem-file-empty = { $file }: the file is empty.
problem-file-too-large = { $file }: the file is larger than the limit of { $max } bytes.
problem-file-name-invalid = { $file }: the file name needs 1 to 200 characters, without slashes.
problem-upload-failed = { $file }: the file could not be stored; try again.
problem-file-missing = Upload the file, or give its web address.
problem-not-a-media-type = Give the type of the file, like application/pdf.
problem-not-a-digest = Give the file's SHA-256 digest in hexadecimal.
problem-not-uploaded = No file with this digest was uploaded here; upload the file first.
problem-unknown-field = “{ $value }” is not a field of this kind of item.
problem-not-text = Enter text.
problem-not-texts-by-language = Enter the text separately for each language.
problem-not-a-list = Give a list of values.
problem-not-an-object = Each entry needs fields of its own.
problem-unknown-item = This city holds no such item.
problem-item-unreachable = The adapted item could not be fetched from its city; try again later.
problem-not-a-city = “{ $value }” is not the address of a city.
problem-not-a-page = Page numbers start at 1.
problem-not-a-boolean = Choose yes or no (true or false), not “{ $value }”.
problem-per-page-range = Show 1 to { $max } results per page.
problem-token-name-invalid = Give the token a name of 1 to 100 characters, to tell it apart.

# Federation policy and follow requests
cities-requests = Follow requests waiting for approval
cities-requests-empty = No city is waiting for approval.
cities-approve = Approve
cities-reject = Turn down
admin-policy = Federation policy
error-emblem-refused = This file cannot be the emblem: choose a PNG, JPEG, WebP or GIF image no larger than the limit for attachments.
error-emblem-missing = Choose an image file for the emblem.
admin-emblem = City emblem
admin-emblem-help = Shown as the city’s picture on Mastodon and the other servers that follow it: a PNG, JPEG, WebP or GIF image.
admin-emblem-current = The city’s emblem now
admin-emblem-none = The city has no emblem yet.
admin-emblem-file = Image file
admin-emblem-upload = Upload the emblem
admin-emblem-remove = Remove the emblem
admin-policy-about = Which cities this city exchanges knowledge with. A change applies at once, in both directions.
admin-policy-mode = Mode
policy-mode-open = Open: every city
policy-mode-allowlist = Allowlist: only partner cities
policy-mode-blocklist = Blocklist: every city except the blocked ones
admin-policy-hold = Follow requests from cities not on the allowlist wait for approval
admin-policy-save = Save the policy
admin-allowlist = Allowlist (partner cities)
admin-blocklist = Blocklist
admin-policy-empty = No domains.
admin-domain = Domain
admin-domain-hint = Like praxis.sofia.bg, a city address like tran@praxis.tran.bg, or its web address.
admin-note = Note
admin-policy-remove = Remove
admin-policy-add-heading = Add a domain
admin-policy-list = List
admin-policy-add = Add
policy-list-allow = Allowlist
policy-list-block = Blocklist
error-unknown-policy-mode = Unknown federation policy mode.
error-unknown-policy-list = Unknown list: choose the allowlist or the blocklist.

# Audiences
problem-confidential-in-public = The report is marked “{ $value }”: choose the audience “partner cities” or “only the cities named”, not “everyone”.
problem-cities-only-for-named = Cities are chosen only for the audience “only the cities named”.
problem-city-unreachable = The city { $value } could not be reached; check its address or try again later.
editor-section-audience = Who may read it
field-audience = Audience
hint-audience = Everyone (on the network and the open web), the partner cities that follow this city, or only the cities you name. Items for fewer readers are never shown on public pages, in feeds or in other cities’ searches, and cannot be shared.
field-audience-cities = Cities named
hint-audience-cities = For “only the cities named”: the host and visiting cities of an exchange, for instance.
audience-public = everyone
audience-partners = partner cities only
audience-cities = only the cities named
audience-named-cities = { $count ->
    [one] only the city named
   *[other] only the { $count } cities named
}
item-audience = For

audience-community = the community’s members only
city-removed-us = This city removed us from its community
problem-handle-invalid = A handle is 2 to 40 lower-case letters, digits or “_”, like employment.
problem-handle-taken = “{ $value }” is already the handle of this city or of one of its communities.
problem-not-a-community = “{ $value }” is not a community this city knows.
problem-not-a-member = This city is not a member of “{ $value }”: join the community first.
problem-community-needed = Choose the community whose members may read the item.
problem-community-post-audience = An item posted to a community is for everyone or for the community’s members only.

## Communities of practice
nav-communities = Communities
nav-directory = Directory
nav-saved = Saved
communities-heading = Communities of practice
communities-about = A community gathers cities working on one theme. Its members post to it and receive everything posted to it, also from cities they do not follow.
communities-list = Communities this city knows
communities-empty = This city hosts no community and has joined none yet.
communities-standing = This city
communities-standing-host = hosted here
communities-standing-member = member
communities-standing-pending = waiting for approval
communities-standing-removed = removed by a moderator
communities-standing-none = not a member
communities-join = Join
communities-leave = Leave
communities-join-heading = Join a community hosted elsewhere
communities-join-label = Address or web address of the community
communities-join-empty = Type the address of a community to join.
communities-create-heading = Host a new community
communities-handle = Handle
communities-handle-hint = 2 to 40 lower-case letters, digits or _; with this city's host it forms the address others join, and cannot change.
communities-name = Name
communities-summary = What it is about
communities-membership = Membership
communities-membership-open = open: every city that asks is a member at once
communities-membership-approval = on approval: a moderator accepts each city
communities-create = Create the community
communities-not-found = This city knows no such community.
communities-members = Cities of the community
communities-members-empty = No city has asked to join yet.
communities-moderators = Moderators
communities-readmit = Let it ask again
communities-remove-member = Remove from the community
communities-appoint-label = Appoint a moderator (user name of an editor)
communities-appoint = Appoint
communities-items = Posted to the community
communities-items-empty = Nothing has been posted to this community yet.
communities-remove-item = Remove from the community
communities-unknown-action = This is not something a moderator can do.
field-community = Post to a community
hint-community = Its members receive the item, also those that do not follow this city. Choose “the community’s members only” as the audience to keep it within the community.
communities-search = Search within this community

# Translations: the review queue
nav-translations = Translations
translations-heading = Translations
translations-incoming = Proposed for our items
translations-outgoing = Our translations of other cities' items
translations-none = None yet.
translations-item = Item
translations-language = Language
translations-translator = Translated by
translations-origin = Item's city
translations-state = State
translations-review = Review
translation-state-proposed = Waiting for review
translation-state-accepted = Accepted
translation-state-declined = Declined
review-heading = Review a translation
review-from = A translation into { $language } by { $city }.
review-changed-since = The item changed after this translation was made: check it against the current texts on the left.
review-explained = Accepting publishes these texts in the item, naming { $city } as the translator; every city that holds the item receives them. You may correct them first.
review-accept = Accept and publish
review-decline = Decline
review-message = Why you decline it (sent to { $city })
review-message-needed = Say why you decline the translation.
review-changed = The item changed while you reviewed the translation: review it again against the current texts.
review-decided = This translation has been decided already.
review-not-found = There is no such translation here.

# Machine translation
machine-offer = Translate into { $language } by machine
machine-mark = machine translation from { $language }
machine-body-mark = The text below is a machine translation from { $language }.
machine-note = The texts marked as machine translations were translated into { $language } by this city's translation engine: nobody has reviewed them, and they may be wrong. They are not part of the item.
machine-read-original = Read the original
machine-contribute = Start a translation for the item's city from it
machine-no-language = Say which language to translate into.
machine-off = There is no machine translation on this instance.
machine-nothing-missing = This item has every text in your language already.
machine-budget-spent = Today's machine-translation budget is spent. Translations made before can still be read; try again tomorrow.
machine-engine-failed = The translation engine did not answer. Try again later.
translate-from-machine = The empty fields were filled from the machine translation: check and correct every text before you send it.

# Deactivating accounts, resetting passwords
login-deactivated = This account is deactivated. Ask an administrator of your city to reactivate it.
error-deactivate-self = You cannot deactivate your own account.
error-no-such-user = There is no such user.
admin-account = Account
admin-inactive = Deactivated
admin-deactivate = Deactivate
admin-reactivate = Reactivate
admin-reset-password = New password
admin-deactivated = { $user } is deactivated: they are logged out and their API tokens no longer work.
admin-reactivated = { $user } can log in again.
admin-password-reset = The new password of { $user } is { $password } — give it to them; it is shown only now. They are logged out everywhere.
problem-last-active-admin = The only active admin cannot be deactivated: make another user admin first.

# Federation policy: what a change cuts off
cities-policy-allowed = allowed by the federation policy
cities-policy-not-member = not on the allowlist: nothing is exchanged
cities-policy-blocked = blocked: nothing is exchanged
policy-confirm-heading = Cut off these cities?
policy-confirm-explained = { $count ->
    [one] Switching to “{ $mode }” stops all exchange with one city this city follows or is followed by:
   *[other] Switching to “{ $mode }” stops all exchange with { $count } cities this city follows or is followed by:
}
policy-confirm-hint = Nothing more is sent to them or accepted from them; the follows stay, and exchange resumes if they are allowed again. To keep them, add their domains to the allowlist first.
policy-confirm-button = Switch and cut them off
policy-cut-followed = followed
policy-cut-follower = follows this city
policy-cut-both = followed, and follows this city

# A deleted item's address, to browsers
error-title-gone = Deleted
item-deleted-by-city = Its city deleted this item. Its other items are on the city’s page and in the feed.

# What an action did, said on the page it leads to
done-published = The item is published and on its way to the cities that follow this city.
done-saved = Your changes are saved and sent to the cities that hold the item.
done-emblem-saved = The emblem is saved, and the cities following this one are told.
done-emblem-removed = The emblem is removed.
done-deleted = The item is deleted; the cities that held it are told.
done-followed = The follow request is sent; the city’s items arrive once it accepts.
done-unfollowed = This city no longer follows that city.
done-user-created = The account is created. Give its user name and password to its owner.
done-saved-for-later = The item is on your list “Saved for later”.
done-unsaved = The item is off your list “Saved for later”.

# Unfollowing asks first
unfollow-confirm-heading = Stop following?
unfollow-confirm-question = Stop following { $city }?
unfollow-confirm-hint = Its new items no longer reach this city; what already arrived stays. You can follow it again at any time.

# Following: what went wrong, and what to do
cities-follow-not-an-address = “{ $text }” is not a city address. Write it as handle@domain, like vidin@praxis.vidin.bg, or paste the address of the city’s page.
cities-follow-did-you-mean = Did you mean { $cities }?
cities-follow-self = A city cannot follow itself.
cities-follow-refused = This city’s federation policy does not allow { $city }. An admin can add its domain to the allowlist on the administration page.
cities-follow-unreachable = { $city } could not be reached. Check the address; if it is right, the city’s server may be down: try again later.

# The delivery table in words
delivery-kind-create = a new item
delivery-kind-update = a changed item
delivery-kind-delete = a deletion
delivery-kind-announce = a shared item
delivery-kind-follow = a follow request
delivery-kind-undo = a withdrawal
delivery-kind-accept = an acceptance
delivery-kind-reject = a refusal
delivery-kind-offer = a proposed translation
delivery-kind-add = a community post
delivery-kind-remove = a removal from a community
delivery-failed-status = The city’s server answered with an error ({ $status }). It is retried; if it lasts, tell the city’s admins.
delivery-failed-unreachable = The city’s server could not be reached. It is retried; check that the address still works.
delivery-failed-gone = Not sent: the city’s inbox answered that it is gone ({ $status }). Retry once the city is back.


# Saved for later
saved-heading = Saved for later
saved-empty = Nothing saved yet. “Save for later” on an item puts it here, for you alone.
saved-add = Save for later
saved-remove = Saved · remove from the list


# The directory of the network
directory-heading = Cities of the network
directory-intro = Every city this one knows: those it follows, those following it, and those met through shared items, communities and the network manifest.
directory-map-caption = Cities with a stated place; base map: Natural Earth (public domain).
directory-map-caption-tiles = Cities with a stated place; map tiles: { $attribution }.
directory-this-city = This city
directory-mutual = Followed, and follows this city
directory-followed = Followed
directory-asked = Follow request sent
directory-follows-us = Follows this city
directory-known = Known through the network
directory-items = { $count ->
    [0] no items here
    [one] one item here
   *[other] { $shown } items here
}
directory-placed-items = { $count ->
    [one] The green square is an item with a place: what it is about happens there.
   *[other] The { $shown } green squares are items with a place: what each is about happens there.
}
directory-further-heading = Further in the network
directory-further-intro = Cities followed by the cities this one follows, not yet known here. Following one brings its knowledge here.
directory-followed-by = Followed by { $cities }
directory-unplaced = { $count ->
    [one] One city has not said where it is.
   *[other] { $shown } cities have not said where they are.
}

# Mail and subscriptions
subscriptions-heading = Mail and subscriptions
subscriptions-mail-off = This city has not set up mail, so nothing can be sent to you by e-mail.
subscriptions-address-heading = Where you get mail
subscriptions-email = Your e-mail address
subscriptions-email-hint = Digests and notices go here; leave it empty to get none.
subscriptions-notify-questions = Tell me when a city asks about one of our items, or answers one of our questions
subscriptions-list-heading = Your digests
subscriptions-empty = No digests yet. On the feed, search or filter, then “Get new results by e-mail”.
subscriptions-remove = Stop
subscriptions-daily = daily
subscriptions-weekly = weekly
subscriptions-bad-frequency = Choose daily or weekly.
subscriptions-bad-search = That search cannot be saved: go back to the feed and subscribe from there.
subscriptions-address-first = Give your e-mail address first: the digest goes there.
subscriptions-too-many = You already have { $max } digests: stop one before adding another.
subscriptions-not-found = You have no such digest (it may be stopped already).
subscribe-label = Get new results by e-mail
subscribe-button = Subscribe
done-mail-saved = Your mail settings are saved.
done-subscribed = Subscribed: new results come to you by e-mail.
done-unsubscribed = The digest is stopped.
mail-digest-subject = { $count ->
    [one] One new item: { $label }
   *[other] { $count } new items: { $label }
}
mail-digest-intro = New in the network for “{ $label }” since { $since }:
mail-digest-why = You get this digest because you subscribed on { $city }'s Praxis. Change or stop your digests:
mail-question-subject = A question from { $city } about “{ $title }”
mail-question-intro = { $city } asked about “{ $title }”:
mail-answer-subject = { $city } answered about “{ $title }”
mail-answer-intro = { $city } answered this city's question about “{ $title }”:
mail-notice-why = You get these notices because you asked for them. Change your mail settings:
reply-signed = { $person } for

## Errors explained by their code (shown on pages for errors the page did not word itself)
error-technical-details = Details for your administrator
error-too-many-uploads = At most { $shown } files can be uploaded at once. Upload the others in a second edit.
error-explain-bad-request = The request could not be understood as it was sent. Go back, check what you entered and try again.
error-explain-invalid = Some of what was entered is not valid. Go back, correct it and try again.
error-explain-validation-failed = Some of what was entered is not valid. Go back, correct the marked fields and try again.
error-explain-invalid-json = The data sent could not be read. Go back and try again; if it happens again, tell your administrator.
error-explain-unauthorized = You need to log in to see this page or to do this.
error-explain-forbidden = You are not allowed to do this. If you think you should be, ask an administrator of your city.
error-explain-federation-refused = This city does not exchange with that instance: its federation policy refuses it. An administrator can change the policy on the Cities page.
error-explain-url-refused = That address cannot be reached from here: it is not a public address, or this city's settings refuse it. Check the address, or ask your administrator.
error-explain-not-found = What you asked for is not here: it may have been moved or deleted, or a name or address may be misspelt. Go back and check it, or search the network feed.
error-explain-gone = This was deleted by its city. Search the network feed for a newer version.
error-explain-conflict = Something changed while you were working on this. Reload the page to see the current state, then try again.
error-explain-moved = This city has moved to a new address. Publish and edit there: this address only keeps answering for what it published.
error-explain-duplicate = This was received already; nothing more needs to be done.
error-explain-payload-too-large = What was sent is larger than this city accepts. Send a smaller file or a shorter text.
error-explain-unsupported-media-type = This kind of content is not accepted here.
error-explain-exhausted = A limit of this city is reached for now. Try again later (tomorrow for daily limits).
error-explain-upstream = A service this city relies on did not answer properly. Try again in a few minutes; if it keeps failing, tell your administrator.
error-explain-fetch-failed = The other city could not be reached, or answered with something unreadable. Try again later; if it keeps failing, check the address with that city.
error-explain-fetch-limit = Answering this would need more requests to other cities than allowed at once. Try again later.
error-explain-invalid-object = What the other city sent is not a valid item. Tell that city's administrator.
error-explain-invalid-activity = What was sent is not an activity this city understands.
error-explain-signature-invalid = The signature of the request does not match its sender.
error-explain-digest-invalid = The request was changed on its way, or its checksum is missing.
error-explain-internal-error = Something went wrong on this city's server. Try again; if it happens again, tell your administrator (the details are in the server's log).
error-explain-unhealthy = This city's server is not working properly right now. Try again in a few minutes.

admin-move = Moving the city to a new address
admin-move-help = When the city changes its web address (a merger, a new domain), set up the new instance first and list this city's actor in its configuration ([city] also_known_as). To bring the items along, restore this city's archive there (praxis export, then praxis restore). Then give the new city's actor here: its followers are told, and follow the new city instead.
admin-move-known-as = This city was known before as:
admin-move-moved = This city has moved to
admin-move-items = { $count ->
    [one] One of the city’s items has its new address there; its old link leads to it.
   *[other] { $shown } of the city’s items have their new address there; their old links lead to them.
}
admin-move-to = The new city's actor (URL)
admin-move-confirm = I understand that every follower will follow the new city instead of this one.
admin-move-submit = Move the city
error-move-unconfirmed = Confirm the move first: tick the box that says what it does.
error-move-target = “{ $target }” is not the address of a city's actor, like https://praxis.example/city.
error-move-not-named = The city at { $target } does not name this city among the actors it was before. Add this city's actor to its [city] also_known_as, restart it, and try again. Nothing was changed.
done-moved = The city has moved: its followers are told and will follow the new city.
