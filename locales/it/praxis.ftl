# Praxis interface strings: Italian (italiano).
# Every other language has exactly the same keys (checked by `cargo test`).

## Struttura della pagina
skip-to-content = Vai al contenuto
nav-label = Menu principale
nav-feed = Rete
nav-new = Pubblica
nav-cities = Città
nav-admin = Amministrazione
nav-login = Accedi
nav-logout = Esci
nav-languages = Lingua dell'interfaccia
footer-about = Praxis: conoscenze condivise tra città partner, da città a città.
footer-api = API JSON
footer-atom = Feed Atom di questa pagina

## Date e numeri
date-format = { $day } { $month } { $year }
datetime-format = { $date }, ore { $time } UTC
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre

## Novità e ricerca
feed-heading = Novità dalla rete
search-heading = Ricerca: «{ $query }»
search-label = Cerca nelle conoscenze della rete, in qualsiasi lingua
search-placeholder = es. mediatori scolastici
search-button = Cerca
search-invalid = Alcuni filtri non sono stati riconosciuti e sono stati ignorati:
search-empty = Nessun risultato per «{ $query }».
search-empty-filtered = Nessun risultato per «{ $query }» con i filtri scelti.
search-empty-filters = Nessun contenuto corrisponde ai filtri scelti.
search-empty-hint = Prova un'altra parola, l'inizio di una parola («mediat» trova mediatore e mediatori) o la parola in un'altra lingua.
search-without-filters = Cerca senza i filtri
search-rebuilding = L'indice di ricerca è in ricostruzione ({ $indexed } di { $total } contenuti finora): per un momento alcuni risultati potrebbero mancare.
filters-heading = Filtri
filters-apply = Applica i filtri
filters-clear = Azzera i filtri
skip-to-results = Vai ai risultati
filters-chosen = { $count ->
    [one] (uno scelto)
   *[other] ({ $shown } scelti)
}
sort-label = Ordine
sort-relevance = Più pertinenti
sort-newest = Più recenti
sort-updated = Aggiornati di recente
sort-apply = Ordina
filter-kind = Tipo
filter-theme = Tema
filter-target-group = Destinatari
filter-city = Città
filter-country = Paese
filter-language = Lingua
filter-reuse = Riuso
filter-adapted = Adattate da altre città
filter-period = Periodo dell'attività
filter-from = Dal
filter-to = Al
results-heading = Risultati
results-count = { $count ->
    [0] Nessun risultato.
    [one] Un contenuto.
   *[other] { $shown } contenuti.
}
feed-empty = Qui non c'è ancora nulla. Per iniziare, segui una città partner o pubblica una pratica.
card-shared-by = condiviso da
card-adapted-by = { $count ->
    [one] adattata da una città
   *[other] adattata da { $shown } città
}
pager-label = Pagine
pager-previous = ← Precedente
pager-next = Successiva →
page-of = Pagina { $page } di { $pages }
items-count = { $count ->
    [0] Ancora nessun contenuto.
    [one] Un contenuto.
   *[other] { $shown } contenuti.
}

## Pagina del contenuto
item-published-by = Pubblicato da
item-updated = aggiornato
item-shared-by = Arrivato in questa città tramite
item-adapted-from = Adattamento di
item-languages = Lingue di questo contenuto
item-read-in = Leggi in:
item-missing-in = Non ancora in { $language }: { $fields }. Sono mostrati in un'altra lingua, indicata con il suo nome.
item-body-in = Il testo qui sotto è in { $language }.
item-translated-by = La versione in { $language } è stata tradotta da { $translator }.
item-translation-unreviewed = La versione in { $language } è una traduzione di { $translator }, non ancora rivista da { $origin }.
item-translate = Traduci
translate-heading = Tradurre una pratica
translate-into = Traduci in
translate-choose-language = Scegli
translate-original = Originale
translate-translation = Traduzione in { $language }
translate-explained = I lettori di { $city } vedono subito la traduzione, segnata come non ancora rivista. La città che ha pubblicato il contenuto la rivede e può pubblicarla nel suo contenuto, indicando { $city } come traduttore.
translate-send = Invia la traduzione
translate-own-item = Questo è un contenuto di questa città: modificalo invece di tradurlo.
translate-no-language = Scegli la lingua in cui tradurre.
item-about = Informazioni
item-attachments = File
item-adapted-by = Adattamenti
item-related = Pratiche correlate
item-replies = Domande e risposte
item-no-replies = Ancora nessuna domanda.
item-reply-label = Fai una domanda alla città o rispondi a una domanda
item-reply-send = Invia
item-actions = Azioni
item-edit = Modifica
item-delete = Elimina
item-share = Condividi con le città che ci seguono
item-adapt = Adatta per la nostra città

## Pubblicazione
new-heading = Che cosa vuoi pubblicare?
new-kind-heading = Nuovo contenuto: { $kind }
edit-heading = Modifica contenuto
editor-section-texts = Testi
editor-section-about = Informazioni sull'attività
form-has-errors = Correggi i campi evidenziati
form-required = (obbligatorio)
form-save = Salva
form-cancel = Annulla
form-update-languages = Mostra queste lingue
choice-none = —
delete-heading = Elimina contenuto
delete-question = Eliminare questo contenuto?
delete-federated = Anche alle città che seguono questa verrà chiesto di eliminare le proprie copie.
delete-confirm = Elimina
hint-languages = Spunta le lingue di questo contenuto; scrivi le altre per nome o codice, separate da virgole, come «albanese» o «sq, tr». Ogni lingua ha la sua colonna.
hint-summary = Una o due frasi mostrate negli elenchi.
hint-body = Paragrafi separati da una riga vuota. **grassetto**, *corsivo*, [un link](https://…), righe che iniziano con - per un elenco, ## per un titolo.
editor-preview = Anteprima
editor-preview-heading = Come appariranno i testi
hint-tags = Separate da virgole.
hint-country = Codice di due lettere, ad esempio BG, IT o MK.
hint-location = Dove si svolge il lavoro, per la mappa della rete: fai clic destro sul luogo in una mappa online e copia le coordinate, ad esempio 42.6977, 23.3219.
hint-licence = Ad esempio CC-BY-4.0.
hint-lines = Una voce per riga.
hint-links = Un indirizzo web per riga.
hint-adapted-from = L'indirizzo web del contenuto adattato da questo.
hint-duration = Ad esempio PT2H30M (2 ore e 30 minuti) o P3D (3 giorni).
hint-upload = PDF, documenti d'ufficio, immagini, video, testi o pacchetti zip.

## Campi comuni a tutti i tipi
field-languages = Lingue
field-languages-other = Altre lingue
field-original-language = Lingua originale
field-title = Titolo
field-summary = Sintesi
field-body = Testo
field-themes = Temi
field-target-groups = Destinatari
field-tags = Parole chiave
field-country = Paese
field-place = Luogo
field-location = Sulla mappa (latitudine, longitudine)
field-period = Periodo
field-period-start = Inizio dell'attività
field-period-end = Fine dell'attività
field-status = Stato
field-licence = Licenza
field-contacts = Contatti
field-contacts-name = Nome
field-contacts-role = Ruolo
field-contacts-email = E-mail
field-cites = Si basa su
field-adapted-from = Adattamento di
field-attachments = File
field-upload = Aggiungi file
field-kind = Tipo

## Campi delle buone pratiche
field-problem = Contesto e problema affrontato
field-objectives = Obiettivi
field-approach = Approccio e attività
field-participation = Partecipazione dei destinatari
field-results = Risultati
field-people-reached = Persone raggiunte
field-indicators = Indicatori di risultato
field-indicators-name = Che cosa si misura
field-indicators-value = Valore raggiunto
field-evaluation = Valutazione e lezioni apprese
field-budget-range = Budget (euro)
field-staff = Personale coinvolto
field-funding-sources = Fonti di finanziamento
field-sustainability = Sostenibilità
field-transferability = Trasferibilità
field-partners = Organizzazioni partner

## Campi dei materiali formativi
field-resource-type = Tipo di risorsa
field-level = Livello
field-audience-roles = Destinato a
field-time-required = Tempo richiesto
field-delivery-mode = Modalità di erogazione
field-competencies = Competenze sviluppate
field-prerequisites = Prerequisiti
field-format = Formato

## Campi dei resoconti di scambio
field-exchange-type = Tipo di scambio
field-host-city = Città ospitante
field-visiting-cities = Città in visita
field-participants = Partecipanti
field-participants-name = Nome
field-participants-role = Ruolo
field-participants-city = Città o organizzazione
field-participant-count = Numero di partecipanti
field-practices-observed = Pratiche osservate
field-findings = Risultanze
field-recommendations = Raccomandazioni
field-follow-up-actions = Azioni di follow-up
field-follow-up-actions-action = Azione
field-follow-up-actions-owner = Chi
field-follow-up-actions-deadline = Entro quando
field-confidentiality = Riservatezza

## Campi dei piani d'azione
field-areas = Ambiti
field-measures = Misure
field-measures-title = Misura
field-measures-owner = Responsabile
field-measures-deadline = Scadenza
field-measures-status = Stato
field-adoption-date = Data di adozione

## Tipi di contenuto
kind-good-practice = buona pratica
kind-training-material = materiale formativo
kind-exchange-report = resoconto di scambio
kind-action-plan = piano d'azione
kind-about-good-practice = Una pratica che ha funzionato: il problema, che cosa è stato fatto, i risultati e ciò che serve a un'altra città per trasferirla.
kind-about-training-material = Un corso, una dispensa, un video o una guida per il personale comunale e i mediatori.
kind-about-exchange-report = Che cosa ha rilevato e raccomanda una visita di studio, uno scambio di personale o una revisione tra pari.
kind-about-action-plan = Un piano d'azione locale con le sue misure, i responsabili e le scadenze.

## Temi
theme-equality = Uguaglianza
theme-inclusion = Inclusione
theme-participation = Partecipazione
theme-education = Istruzione
theme-employment = Lavoro
theme-health = Salute
theme-housing = Abitare
theme-anti-discrimination = Contrasto alle discriminazioni
theme-migrant-integration = Integrazione dei migranti
theme-gender = Parità di genere
theme-one-stop-shop = Sportelli unici
theme-social-services = Servizi sociali
theme-civil-registration = Anagrafe e stato civile
theme-culture-identity = Cultura e identità
theme-early-school-leaving = Dispersione scolastica
theme-entrepreneurship = Imprenditorialità

## Destinatari
target-group-roma = Rom
target-group-sinti = Sinti
target-group-caminanti = Caminanti
target-group-migrants = Migranti
target-group-refugees = Rifugiati
target-group-asylum-seekers = Richiedenti asilo
target-group-children-youth = Bambini e giovani
target-group-women = Donne
target-group-older-people = Persone anziane
target-group-persons-with-disabilities = Persone con disabilità
target-group-municipal-staff = Personale comunale
target-group-mediators = Mediatori

## Codici dei campi specifici
code-planned = in programma
code-pilot = fase pilota
code-ongoing = in corso
code-mainstreamed = messo a sistema
code-completed = concluso
code-ended = interrotto
code-under-10k = meno di 10.000
code-from-10k-to-50k = 10.000 – 50.000
code-from-50k-to-200k = 50.000 – 200.000
code-from-200k-to-1m = 200.000 – 1 milione
code-over-1m = oltre 1 milione
code-slides = slide
code-handout = dispensa
code-video = video
code-e-learning-module = modulo e-learning
code-case-study = caso di studio
code-facilitator-guide = guida per il facilitatore
code-quiz = quiz
code-introductory = base
code-intermediate = intermedio
code-advanced = avanzato
code-self-paced = autoapprendimento
code-webinar = webinar
code-in-person = in presenza
code-blended = modalità mista
code-pdf = PDF
code-scorm = pacchetto SCORM
code-h5p = H5P
code-document = documento
code-web = pagina web
code-other = altro
code-study-visit = visita di studio
code-staff-exchange = scambio di personale
code-peer-review = revisione tra pari
code-workshop = laboratorio
code-mentoring = mentoring
code-public = pubblico
code-network = rete dei partner
code-restricted = riservato
code-housing = abitare
code-education-and-training = istruzione e formazione
code-health = salute
code-employment = lavoro
code-active-citizenship = cittadinanza attiva
code-anti-discrimination = contrasto alle discriminazioni
code-social-services = servizi sociali
code-culture = cultura
code-in-progress = in corso
code-done = realizzato
code-dropped = annullato

## Questa lingua dell'interfaccia: il suo nome in sé e come scrive i numeri
interface-language-name = Italiano
number-group-separator = .
number-decimal-separator = ,

## Lingue dei contenuti
language-en = inglese
language-bg = bulgaro
language-it = italiano
language-mk = macedone
language-rom = romanì
language-rmy = romanì vlax
language-rmn = romanì balcanico
language-rmc = romanì carpatico
language-rmo = romanì sinto
language-rml = romanì baltico
language-sq = albanese
language-ro = rumeno
language-de = tedesco
language-fr = francese
language-es = spagnolo
language-el = greco
language-sr = serbo
language-hr = croato
language-sl = sloveno
language-hu = ungherese
language-tr = turco
language-ar = arabo
language-uk = ucraino
language-ru = russo
language-pl = polacco
language-cs = ceco
language-sk = slovacco
language-nl = olandese
language-pt = portoghese

## Paesi
country-AL = Albania
country-AT = Austria
country-BA = Bosnia ed Erzegovina
country-BE = Belgio
country-BG = Bulgaria
country-CY = Cipro
country-CZ = Cechia
country-DE = Germania
country-DK = Danimarca
country-EE = Estonia
country-ES = Spagna
country-FI = Finlandia
country-FR = Francia
country-GB = Regno Unito
country-GR = Grecia
country-HR = Croazia
country-HU = Ungheria
country-IE = Irlanda
country-IT = Italia
country-LT = Lituania
country-LU = Lussemburgo
country-LV = Lettonia
country-MD = Moldova
country-ME = Montenegro
country-MK = Macedonia del Nord
country-MT = Malta
country-NL = Paesi Bassi
country-NO = Norvegia
country-PL = Polonia
country-PT = Portogallo
country-RO = Romania
country-RS = Serbia
country-SE = Svezia
country-SI = Slovenia
country-SK = Slovacchia
country-TR = Turchia
country-UA = Ucraina
country-XK = Kosovo

## Ruoli
role-admin = amministratore
role-editor = redattore
role-reader = lettore

## Città
cities-heading = Città
cities-own-page = Pagina di questa città
cities-follow-heading = Segui una città
cities-follow-label = Indirizzo o indirizzo web della città
cities-follow-hint = Ad esempio roma-inclusion@sofia.example, oppure l'indirizzo web del suo profilo.
cities-follow = Segui
cities-follow-empty = Scrivi l'indirizzo di una città da seguire.
cities-unfollow = Smetti di seguire
cities-following = Città che seguiamo
cities-following-empty = Questa città non segue ancora nessun'altra città.
cities-pending = In attesa di risposta
cities-pending-empty = Nessuna richiesta in attesa di risposta.
cities-followers = Città che ci seguono
cities-followers-empty = Nessuna città segue ancora questa.
cities-state-pending = in attesa di risposta
cities-state-accepted = seguita
city-languages = Lingue
city-relation = Relazione
city-we-follow = Seguiamo questa città
city-we-asked = Abbiamo chiesto di seguire questa città
city-follows-us = Questa città ci segue
city-items = Contenuti pubblicati

## Amministrazione
admin-heading = Amministrazione
admin-users = Utenti
admin-save-role = Cambia ruolo
admin-new-user = Nuovo utente
admin-create-user = Crea utente
admin-deliveries = Consegna ad altre città
admin-pending = In attesa di consegna
admin-delivered = Consegnati
admin-dead = Abbandonati
admin-no-peers = Non è ancora stato inviato nulla ad altre città.
admin-peers = Server delle città
admin-peer = Server
admin-health = Stato
admin-healthy = funzionante
admin-failing = con errori (tentativi falliti consecutivi: { $failures })
admin-last-success = Ultima consegna
admin-last-failure = Ultimo tentativo fallito
admin-last-error = Ultimo errore
admin-retry = Riprova ora
admin-dead-letters = Consegne abbandonate
admin-activity = Attività
admin-item = Contenuto
admin-inbox = Casella in arrivo
admin-attempts = Tentativi
admin-queued = Messo in coda
admin-retried = { $count ->
    [0] Non c'era nulla da ritentare.
    [one] Una consegna verrà ritentata ora.
   *[other] { $shown } consegne verranno ritentate ora.
}
field-username = Nome utente
field-display-name = Nome e cognome
field-password = Password
field-role = Ruolo

## Account
login-heading = Accesso
login-button = Accedi
login-invalid = Nome utente o password errati.
login-throttled = { $count ->
    [one] Troppi tentativi falliti. Riprova tra un secondo.
   *[other] Troppi tentativi falliti. Riprova tra { $shown } secondi.
}
account-heading = Il tuo account
account-signed-in-as = Accesso effettuato come { $username }
account-language = Lingua dell'interfaccia
account-reads = Lingue che leggo
account-reads-about = Ogni testo di un contenuto è mostrato nella prima di queste lingue in cui è scritto, poi nella sua lingua originale. Lasciale tutte vuote per usare le lingue del browser.
account-reads-place = Lingua { $shown }
account-reads-other = Altre lingue, come codici (per esempio rmy, sr-Latn)
account-reads-invalid = «{ $value }» non è un codice di lingua: usa codici come bg, it, mk o rmy.
account-reads-too-many = Al massimo { $shown } lingue.
account-language-browser = Secondo le impostazioni del browser
account-tokens = Token API
account-tokens-about = I token permettono a script e altri programmi di usare l'API JSON a tuo nome. Trattali come password.
account-no-tokens = Non hai token API.
account-token-name = A che cosa serve il token
account-token-starts = Inizia con
account-token-created-on = Creato il
account-token-last-used = Ultimo utilizzo
account-token-unused = mai
account-token-create = Crea token
account-token-created = Il tuo nuovo token. Copialo ora: non verrà più mostrato.
account-token-revoke = Revoca
account-token-name-needed = Dai un nome al token, per riconoscerlo in seguito.
account-password = Password
account-password-current = Password attuale
account-password-new = Nuova password (almeno 10 caratteri)
account-password-change = Cambia password
account-password-wrong = La password attuale è errata.

## Errori
error-title-bad-request = Impossibile elaborare la richiesta
error-title-unauthorized = Accedi per continuare
error-title-forbidden = Operazione non consentita
error-title-not-found = Non trovato
error-title-too-large = Dimensioni eccessive
error-title-too-many = Troppe richieste
error-title-server = Si è verificato un errore sul server
error-title-other = La richiesta non è riuscita
error-back-to-feed = Torna alle novità dalla rete
error-login-needed = Accedi per eseguire questa operazione.
error-role-needed = Il tuo ruolo non lo consente. Un amministratore può modificare i ruoli.
error-csrf = Il modulo è scaduto o non proviene da questo sito. Torna indietro, ricarica la pagina e riprova.
error-item-id = Indica l'indirizzo web di un contenuto, ad esempio /item?id=https://…
error-item-not-found = Questo contenuto non esiste qui. Potrebbe essere stato eliminato.
error-city-not-found = Questa città non è ancora conosciuta qui.
error-unknown-kind = Questo tipo di contenuto non esiste.
error-unknown-role = Questo ruolo non esiste.
error-unknown-language = Questa lingua dell'interfaccia non è disponibile.
error-demote-self = Non puoi toglierti da solo il ruolo di amministratore.
error-token-not-found = Questo token non esiste o non è più attivo.

## Problemi nei dati inseriti (validazione)
problem-required = Campo obbligatorio.
problem-empty = Il campo non può essere vuoto.
problem-too-long = Testo troppo lungo: al massimo { $max } caratteri.
problem-too-many = Troppi elementi: al massimo { $max }.
problem-not-a-country = «{ $value }» non è un codice di paese; usa due lettere, ad esempio BG, IT o MK.
problem-not-a-location = «{ $value }» non è un punto sulla mappa; indica latitudine e longitudine in gradi, con il punto decimale, ad esempio 42.6977, 23.3219.
problem-no-title-in-language = Manca il titolo in questa lingua ({ $language }); ogni versione linguistica deve avere un titolo.
problem-not-a-language = «{ $value }» non è un codice di lingua; usa codici come bg, it, mk o en.
problem-original-not-among = La lingua originale ({ $language }) deve essere una delle lingue del contenuto.
problem-tag-length = Ogni parola chiave deve avere da 1 a 60 caratteri.
problem-ends-before-start = La fine è precedente all'inizio.
problem-not-an-email = «{ $value }» non è un indirizzo e-mail.
problem-before-period = Questa data è precedente all'inizio del periodo dell'attività.
problem-not-a-number = Inserisci un numero intero, zero o maggiore.
problem-unknown-code = Scegli uno dei valori proposti.
problem-not-a-date = «{ $value }» non è una data; usa il formato 2026-03-31.
problem-not-a-url = «{ $value }» non è un indirizzo web che inizia con http:// o https://.
problem-not-a-domain = «{ $value }» non è un dominio come praxis.sofia.bg o localhost:8081.
problem-not-a-duration = «{ $value }» non è una durata; scrivila ad esempio come PT2H30M o P3D.
problem-in-the-future = Questa data è nel futuro; una data di pubblicazione o di modifica può essere al massimo un'ora avanti.
problem-username-invalid = Usa da 2 a 40 caratteri tra lettere minuscole, cifre, punti, trattini o trattini bassi.
problem-display-name-invalid = Inserisci un nome da 1 a 100 caratteri.
problem-username-taken = Questo nome utente è già in uso.
problem-last-admin = L'unico amministratore non può perdere il ruolo: rendi prima amministratore un altro utente.
problem-password-length = La password deve avere almeno { $min } caratteri.
problem-unknown-parameter = Questo filtro non è riconosciuto.
problem-file-type-refused = { $file }: i file di questo tipo ({ $value }) non sono accettati. Allega PDF, documenti d'ufficio, immagini, video, testi o pacchetti zip.
problem-file-content-mismatch = { $file }: il contenuto del file non corrisponde a { $value }.
problem-file-empty = { $file }: il file è vuoto.
problem-file-too-large = { $file }: il file supera il limite di { $max } byte.
problem-file-name-invalid = { $file }: il nome del file deve avere da 1 a 200 caratteri, senza barre.
problem-upload-failed = { $file }: non è stato possibile salvare il file; riprova.
problem-file-missing = Carica il file o indica il suo indirizzo web.
problem-not-a-media-type = Indica il tipo del file, ad esempio application/pdf.
problem-not-a-digest = Indica l'impronta SHA-256 del file in esadecimale.
problem-not-uploaded = Qui non è stato caricato nessun file con questa impronta; carica prima il file.
problem-unknown-field = «{ $value }» non è un campo di questo tipo di contenuto.
problem-not-text = Inserisci un testo.
problem-not-texts-by-language = Inserisci il testo separatamente per ogni lingua.
problem-not-a-list = Inserisci un elenco di valori.
problem-not-an-object = Ogni voce deve avere i propri campi.
problem-unknown-item = In questa città non esiste questo contenuto.
problem-item-unreachable = Non è stato possibile recuperare il contenuto adattato dalla sua città; riprova più tardi.
problem-not-a-city = «{ $value }» non è l'indirizzo di una città.
problem-not-a-page = I numeri di pagina partono da 1.
problem-not-a-boolean = Scegli sì o no (true o false), non «{ $value }».
problem-per-page-range = Scegli da 1 a { $max } risultati per pagina.
problem-token-name-invalid = Dai al token un nome da 1 a 100 caratteri, per riconoscerlo.

# Federation policy and follow requests
cities-requests = Richieste di seguire in attesa di approvazione
cities-requests-empty = Nessuna città è in attesa di approvazione.
cities-approve = Approva
cities-reject = Rifiuta
admin-policy = Politica di federazione
error-emblem-refused = Questo file non può essere lo stemma: scegli un’immagine PNG, JPEG, WebP o GIF non più grande del limite per gli allegati.
error-emblem-missing = Scegli un file d’immagine per lo stemma.
admin-emblem = Stemma della città
admin-emblem-help = Appare come immagine della città su Mastodon e sugli altri server che la seguono: un’immagine PNG, JPEG, WebP o GIF.
admin-emblem-current = Lo stemma attuale della città
admin-emblem-none = La città non ha ancora uno stemma.
admin-emblem-file = File dell’immagine
admin-emblem-upload = Carica lo stemma
admin-emblem-remove = Togli lo stemma
admin-policy-about = Con quali città questa città scambia conoscenze. Una modifica vale subito, in entrambe le direzioni.
admin-policy-mode = Modalità
policy-mode-open = Aperta: tutte le città
policy-mode-allowlist = Lista consentita: solo le città partner
policy-mode-blocklist = Lista bloccata: tutte le città tranne quelle bloccate
admin-policy-hold = Le richieste di seguire da città fuori dalla lista consentita attendono approvazione
admin-policy-save = Salva la politica
admin-allowlist = Lista consentita (città partner)
admin-blocklist = Lista bloccata
admin-policy-empty = Nessun dominio.
admin-domain = Dominio
admin-domain-hint = Come praxis.sofia.bg, un indirizzo di città come tran@praxis.tran.bg o il suo indirizzo web.
admin-note = Nota
admin-policy-remove = Rimuovi
admin-policy-add-heading = Aggiungi un dominio
admin-policy-list = Lista
admin-policy-add = Aggiungi
policy-list-allow = Lista consentita
policy-list-block = Lista bloccata
error-unknown-policy-mode = Modalità della politica di federazione sconosciuta.
error-unknown-policy-list = Lista sconosciuta: scegli la lista consentita o quella bloccata.

# Audiences
problem-confidential-in-public = Il resoconto è contrassegnato come “{ $value }”: scegli il pubblico “città partner” o “solo le città indicate”, non “tutti”.
problem-cities-only-for-named = Le città si scelgono solo per il pubblico “solo le città indicate”.
problem-city-unreachable = Non è stato possibile raggiungere la città { $value }; controlla l’indirizzo o riprova più tardi.
editor-section-audience = Chi può leggerlo
field-audience = Pubblico
hint-audience = Tutti (nella rete e sul web), le città partner che seguono questa città, oppure solo le città che indichi. I contenuti per un pubblico ristretto non compaiono mai nelle pagine pubbliche, nei feed o nelle ricerche di altre città, e non si possono condividere.
field-audience-cities = Città indicate
hint-audience-cities = Per “solo le città indicate”: ad esempio la città ospitante e quelle in visita di uno scambio.
audience-public = tutti
audience-partners = solo città partner
audience-cities = solo le città indicate
audience-named-cities = { $count ->
    [one] solo la città indicata
   *[other] solo le { $count } città indicate
}
item-audience = Per

audience-community = solo i membri della comunità
city-removed-us = Questa città ci ha rimossi dalla sua comunità
problem-handle-invalid = Un identificativo ha da 2 a 40 lettere minuscole, cifre o «_», come lavoro.
problem-handle-taken = «{ $value }» è già l’identificativo di questa città o di una sua comunità.
problem-not-a-community = «{ $value }» non è una comunità che questa città conosce.
problem-not-a-member = Questa città non è membro di «{ $value }»: prima entra nella comunità.
problem-community-needed = Scegli la comunità i cui membri possono leggere l’elemento.
problem-community-post-audience = Un elemento pubblicato in una comunità è per tutti o solo per i membri della comunità.

## Communities of practice
nav-communities = Comunità
nav-directory = Elenco
nav-saved = Salvati
communities-heading = Comunità di pratica
communities-about = Una comunità riunisce città che lavorano su un tema. I membri vi pubblicano e ricevono tutto ciò che vi è pubblicato, anche dalle città che non seguono.
communities-list = Comunità che questa città conosce
communities-empty = Questa città non ospita ancora comunità e non ne ha raggiunta nessuna.
communities-standing = Questa città
communities-standing-host = ospitata qui
communities-standing-member = membro
communities-standing-pending = in attesa di approvazione
communities-standing-removed = rimossa da un moderatore
communities-standing-none = non è membro
communities-join = Aderisci
communities-leave = Lascia
communities-join-heading = Aderire a una comunità ospitata altrove
communities-join-label = Indirizzo o indirizzo web della comunità
communities-join-empty = Scrivi l’indirizzo della comunità a cui aderire.
communities-create-heading = Ospitare una nuova comunità
communities-handle = Identificativo
communities-handle-hint = Da 2 a 40 lettere minuscole, cifre o _; con il dominio di questa città forma l’indirizzo per aderire e non può cambiare.
communities-name = Nome
communities-summary = Di che cosa si occupa
communities-membership = Adesione
communities-membership-open = aperta: ogni città che lo chiede è subito membro
communities-membership-approval = su approvazione: un moderatore accetta ogni città
communities-create = Crea la comunità
communities-not-found = Questa città non conosce questa comunità.
communities-members = Città della comunità
communities-members-empty = Nessuna città ha ancora chiesto di aderire.
communities-moderators = Moderatori
communities-readmit = Consenti una nuova richiesta
communities-remove-member = Rimuovi dalla comunità
communities-appoint-label = Nomina un moderatore (nome utente di un redattore)
communities-appoint = Nomina
communities-items = Pubblicato nella comunità
communities-items-empty = In questa comunità non è stato ancora pubblicato nulla.
communities-remove-item = Rimuovi dalla comunità
communities-unknown-action = Non è un’azione che un moderatore può compiere.
field-community = Pubblica in una comunità
hint-community = I suoi membri ricevono il contenuto, anche quelli che non seguono questa città. Scegli “solo i membri della comunità” come pubblico per tenerlo nella comunità.
communities-search = Cerca in questa comunità

# Translations: the review queue
nav-translations = Traduzioni
translations-heading = Traduzioni
translations-incoming = Proposte per i nostri contenuti
translations-outgoing = Le nostre traduzioni di contenuti di altre città
translations-none = Ancora nessuna.
translations-item = Contenuto
translations-language = Lingua
translations-translator = Tradotto da
translations-origin = Città del contenuto
translations-state = Stato
translations-review = Rivedi
translation-state-proposed = In attesa di revisione
translation-state-accepted = Accettata
translation-state-declined = Rifiutata
review-heading = Rivedere una traduzione
review-from = Una traduzione in { $language } di { $city }.
review-changed-since = Il contenuto è cambiato dopo che questa traduzione è stata fatta: confrontala con i testi attuali a sinistra.
review-explained = Accettando, questi testi vengono pubblicati nel contenuto, indicando { $city } come traduttore; ogni città che ha il contenuto li riceve. Puoi prima correggerli.
review-accept = Accetta e pubblica
review-decline = Rifiuta
review-message = Perché la rifiuti (inviato a { $city })
review-message-needed = Di' perché rifiuti la traduzione.
review-changed = Il contenuto è cambiato mentre rivedevi la traduzione: rivedila di nuovo rispetto ai testi attuali.
review-decided = Su questa traduzione si è già deciso.
review-not-found = Qui non c'è questa traduzione.

# Machine translation
machine-offer = Traduci automaticamente in { $language }
machine-mark = traduzione automatica, originale in { $language }
machine-body-mark = Il testo qui sotto è una traduzione automatica; originale in { $language }.
machine-note = I testi indicati come traduzioni automatiche sono stati tradotti in { $language } dal motore di traduzione di questa città: nessuno li ha rivisti e possono contenere errori. Non fanno parte della scheda.
machine-read-original = Leggi l'originale
machine-contribute = Inizia da qui una traduzione per la città della scheda
machine-no-language = Indica in quale lingua tradurre.
machine-off = Questa istanza non ha la traduzione automatica.
machine-nothing-missing = Questa scheda ha già tutti i testi nella tua lingua.
machine-budget-spent = Il limite giornaliero di traduzione automatica è esaurito. Le traduzioni già fatte restano leggibili; riprova domani.
machine-engine-failed = Il motore di traduzione non ha risposto. Riprova più tardi.
translate-from-machine = I campi vuoti sono stati riempiti con la traduzione automatica: controlla e correggi ogni testo prima di inviarlo.

# Deactivating accounts, resetting passwords
login-deactivated = Questo account è disattivato. Chiedi a un amministratore della tua città di riattivarlo.
error-deactivate-self = Non puoi disattivare il tuo account.
error-no-such-user = Questo utente non esiste.
admin-account = Account
admin-inactive = Disattivato
admin-deactivate = Disattiva
admin-reactivate = Riattiva
admin-reset-password = Nuova password
admin-deactivated = { $user } è disattivato: la sessione è chiusa e i suoi token API non funzionano più.
admin-reactivated = { $user } può di nuovo accedere.
admin-password-reset = La nuova password di { $user } è { $password }: comunicagliela, viene mostrata solo ora. La sessione è chiusa ovunque.
problem-last-active-admin = L'unico amministratore attivo non può essere disattivato: nomina prima un altro amministratore.

# Federation policy: what a change cuts off
cities-policy-allowed = consentita dalla politica di federazione
cities-policy-not-member = non è nella lista consentita: nessuno scambio
cities-policy-blocked = bloccata: nessuno scambio
policy-confirm-heading = Interrompere lo scambio con queste città?
policy-confirm-explained = { $count ->
    [one] Passare a “{ $mode }” interrompe ogni scambio con una città che segui o che ti segue:
   *[other] Passare a “{ $mode }” interrompe ogni scambio con { $count } città che segui o che ti seguono:
}
policy-confirm-hint = Non si invia né si accetta più nulla da loro; i collegamenti restano e lo scambio riprende se vengono consentite di nuovo. Per mantenerle, aggiungi prima i loro domini alla lista consentita.
policy-confirm-button = Cambia e interrompi lo scambio
policy-cut-followed = seguita
policy-cut-follower = segue questa città
policy-cut-both = seguita, e segue questa città

# A deleted item's address, to browsers
error-title-gone = Eliminato
item-deleted-by-city = La sua città ha eliminato questa scheda. Le altre sue schede sono nella pagina della città e nel flusso.

# What an action did, said on the page it leads to
done-published = La scheda è pubblicata e sta arrivando alle città che seguono questa città.
done-saved = Le modifiche sono salvate e inviate alle città che hanno la scheda.
done-emblem-saved = Lo stemma è salvato e le città che seguono questa ne sono informate.
done-emblem-removed = Lo stemma è stato tolto.
done-deleted = La scheda è eliminata; le città che l’avevano sono avvisate.
done-followed = La richiesta di seguire è inviata; le schede della città arrivano quando l’accetta.
done-unfollowed = Questa città non segue più quella città.
done-user-created = L’account è creato. Comunica nome utente e password al suo titolare.
done-saved-for-later = Il contenuto è nel tuo elenco «Salvati per dopo».
done-unsaved = Il contenuto è stato tolto dal tuo elenco «Salvati per dopo».

# Unfollowing asks first
unfollow-confirm-heading = Smettere di seguire?
unfollow-confirm-question = Smettere di seguire { $city }?
unfollow-confirm-hint = Le sue nuove schede non arriveranno più; quelle già arrivate restano. Puoi seguirla di nuovo in ogni momento.

# Following: what went wrong, and what to do
cities-follow-not-an-address = “{ $text }” non è l’indirizzo di una città. Scrivilo come nome@dominio, per esempio vidin@praxis.vidin.bg, o incolla l’indirizzo della pagina della città.
cities-follow-did-you-mean = Intendevi { $cities }?
cities-follow-self = Una città non può seguire sé stessa.
cities-follow-refused = La politica di federazione di questa città non consente { $city }. Un amministratore può aggiungere il suo dominio alla lista consentita nella pagina di amministrazione.
cities-follow-unreachable = Non è stato possibile raggiungere { $city }. Controlla l’indirizzo; se è giusto, il server della città potrebbe essere fermo: riprova più tardi.

# The delivery table in words
delivery-kind-create = una nuova scheda
delivery-kind-update = una scheda modificata
delivery-kind-delete = un’eliminazione
delivery-kind-announce = una scheda condivisa
delivery-kind-follow = una richiesta di seguire
delivery-kind-undo = un ritiro
delivery-kind-accept = un’accettazione
delivery-kind-reject = un rifiuto
delivery-kind-offer = una traduzione proposta
delivery-kind-add = un contributo a una comunità
delivery-kind-remove = una rimozione da una comunità
delivery-failed-status = Il server della città ha risposto con un errore ({ $status }). Si riprova; se continua, avvisa gli amministratori della città.
delivery-failed-unreachable = Il server della città non è raggiungibile. Si riprova; controlla che l’indirizzo funzioni ancora.
delivery-failed-gone = Non inviato: la casella della città ha risposto che non esiste più ({ $status }). Riprova quando la città torna attiva.


# Saved for later
saved-heading = Salvati per dopo
saved-empty = Ancora niente di salvato. «Salva per dopo» su un contenuto lo mette qui, solo per te.
saved-add = Salva per dopo
saved-remove = Salvato · togli dall’elenco


# The directory of the network
directory-heading = Le città della rete
directory-intro = Tutte le città che questa conosce: quelle che segue, quelle che la seguono e quelle incontrate tramite contenuti condivisi, comunità e il manifesto della rete.
directory-map-caption = Città che indicano dove si trovano; carta di base: Natural Earth (pubblico dominio).
directory-map-caption-tiles = Città che indicano dove si trovano; tessere della mappa: { $attribution }.
directory-this-city = Questa città
directory-mutual = Seguita, e segue questa città
directory-followed = Seguita
directory-asked = Richiesta inviata
directory-follows-us = Segue questa città
directory-known = Conosciuta tramite la rete
directory-items = { $count ->
    [0] nessun contenuto qui
    [one] un contenuto qui
   *[other] { $shown } contenuti qui
}
directory-placed-items = { $count ->
    [one] Il quadrato verde è un contenuto con un luogo: ciò di cui parla avviene lì.
   *[other] I { $shown } quadrati verdi sono contenuti con un luogo: ciò di cui parla ciascuno avviene lì.
}
directory-further-heading = Più avanti nella rete
directory-further-intro = Città seguite dalle città che questa segue, non ancora conosciute qui. Seguirne una porta qui le sue conoscenze.
directory-followed-by = Seguita da { $cities }
directory-unplaced = { $count ->
    [one] Una città non ha indicato dove si trova.
   *[other] { $shown } città non hanno indicato dove si trovano.
}

# Mail and subscriptions
subscriptions-heading = Posta e iscrizioni
subscriptions-mail-off = Questa città non ha configurato la posta, quindi non ti può essere inviato nulla per e-mail.
subscriptions-address-heading = Dove ricevi la posta
subscriptions-email = Il tuo indirizzo e-mail
subscriptions-email-hint = Riepiloghi e avvisi arrivano qui; lascia vuoto per non ricevere nulla.
subscriptions-notify-questions = Avvisami quando una città chiede di un nostro contenuto o risponde a una nostra domanda
subscriptions-list-heading = I tuoi riepiloghi
subscriptions-empty = Ancora nessun riepilogo. Nel flusso cerca o filtra, poi «Ricevi i nuovi risultati per e-mail».
subscriptions-remove = Interrompi
subscriptions-daily = ogni giorno
subscriptions-weekly = ogni settimana
subscriptions-bad-frequency = Scegli ogni giorno o ogni settimana.
subscriptions-bad-search = Questa ricerca non si può salvare: torna al flusso e iscriviti da lì.
subscriptions-address-first = Indica prima il tuo indirizzo e-mail: il riepilogo arriva lì.
subscriptions-too-many = Hai già { $max } riepiloghi: interrompine uno prima di aggiungerne un altro.
subscriptions-not-found = Non hai questo riepilogo (forse è già interrotto).
subscribe-label = Ricevi i nuovi risultati per e-mail
subscribe-button = Iscriviti
done-mail-saved = Le impostazioni della posta sono salvate.
done-subscribed = Iscrizione fatta: i nuovi risultati ti arrivano per e-mail.
done-unsubscribed = Il riepilogo è interrotto.
mail-digest-subject = { $count ->
    [one] Un nuovo contenuto: { $label }
   *[other] { $count } nuovi contenuti: { $label }
}
mail-digest-intro = Novità nella rete per «{ $label }» dal { $since }:
mail-digest-why = Ricevi questo riepilogo perché ti sei iscritto sul Praxis di { $city }. Cambia o interrompi i tuoi riepiloghi:
mail-question-subject = Una domanda da { $city } su «{ $title }»
mail-question-intro = { $city } ha chiesto di «{ $title }»:
mail-answer-subject = { $city } ha risposto su «{ $title }»
mail-answer-intro = { $city } ha risposto alla domanda di questa città su «{ $title }»:
mail-notice-why = Ricevi questi avvisi perché li hai chiesti. Cambia le impostazioni della posta:
reply-signed = { $person } per

## Errors explained by their code (shown on pages for errors the page did not word itself)
error-technical-details = Dettagli per l'amministratore
error-too-many-uploads = Si possono caricare al massimo { $shown } file alla volta. Carica gli altri con una seconda modifica.
error-explain-bad-request = La richiesta non è stata compresa così come è stata inviata. Torna indietro, controlla i dati inseriti e riprova.
error-explain-invalid = Parte di ciò che è stato inserito non è valido. Torna indietro, correggilo e riprova.
error-explain-validation-failed = Parte di ciò che è stato inserito non è valido. Torna indietro, correggi i campi segnalati e riprova.
error-explain-invalid-json = I dati inviati non si possono leggere. Torna indietro e riprova; se succede ancora, avvisa l'amministratore.
error-explain-unauthorized = Devi accedere per vedere questa pagina o per fare questo.
error-explain-forbidden = Non hai il permesso di farlo. Se pensi di doverlo avere, chiedi a un amministratore della tua città.
error-explain-federation-refused = Questa città non scambia con quell'istanza: la sua politica di federazione la rifiuta. Un amministratore può cambiarla nella pagina Città.
error-explain-url-refused = Quell'indirizzo non è raggiungibile da qui: non è un indirizzo pubblico, o le impostazioni di questa città lo rifiutano. Controlla l'indirizzo o chiedi all'amministratore.
error-explain-not-found = Ciò che hai chiesto non è qui: potrebbe essere stato spostato o eliminato, o un nome o un indirizzo potrebbe essere scritto male. Torna indietro e controlla, o cerca nel flusso della rete.
error-explain-gone = È stato eliminato dalla sua città. Cerca una versione più recente nel flusso della rete.
error-explain-conflict = Qualcosa è cambiato mentre ci lavoravi. Ricarica la pagina per vedere lo stato attuale, poi riprova.
error-explain-moved = Questa città si è trasferita a un nuovo indirizzo. Pubblica e modifica lì: questo indirizzo continua solo a rispondere per ciò che ha pubblicato.
error-explain-duplicate = È già stato ricevuto; non serve fare altro.
error-explain-payload-too-large = Ciò che è stato inviato è più grande di quanto questa città accetti. Invia un file più piccolo o un testo più breve.
error-explain-unsupported-media-type = Questo tipo di contenuto non è accettato qui.
error-explain-exhausted = Per ora è stato raggiunto un limite di questa città. Riprova più tardi (domani per i limiti giornalieri).
error-explain-upstream = Un servizio su cui questa città si appoggia non ha risposto correttamente. Riprova tra qualche minuto; se continua, avvisa l'amministratore.
error-explain-fetch-failed = L'altra città non è raggiungibile o ha risposto con qualcosa di illeggibile. Riprova più tardi; se continua, verifica l'indirizzo con quella città.
error-explain-fetch-limit = Rispondere richiederebbe più richieste ad altre città di quante ne siano permesse in una volta. Riprova più tardi.
error-explain-invalid-object = Ciò che l'altra città ha inviato non è un contenuto valido. Avvisa l'amministratore di quella città.
error-explain-invalid-activity = Ciò che è stato inviato non è un'attività che questa città comprende.
error-explain-signature-invalid = La firma della richiesta non corrisponde al suo mittente.
error-explain-digest-invalid = La richiesta è stata modificata lungo il percorso, o manca la sua somma di controllo.
error-explain-internal-error = Qualcosa è andato storto sul server di questa città. Riprova; se succede ancora, avvisa l'amministratore (i dettagli sono nel registro del server).
error-explain-unhealthy = Il server di questa città al momento non funziona correttamente. Riprova tra qualche minuto.

admin-move = Trasferire la città a un nuovo indirizzo
admin-move-help = Quando la città cambia indirizzo web (una fusione, un nuovo dominio), prepara prima la nuova istanza e indica l’attore di questa città nella sua configurazione ([city] also_known_as). Per portare con sé le schede, ripristina lì l’archivio di questa città (praxis export, poi praxis restore). Poi inserisci qui l’attore della nuova città: chi segue questa città viene avvisato e segue invece la nuova.
admin-move-known-as = Prima questa città era nota come:
admin-move-moved = Questa città si è trasferita a
admin-move-items = { $count ->
    [one] Una scheda della città ha il suo nuovo indirizzo lì; il vecchio link porta a essa.
   *[other] { $shown } schede della città hanno il loro nuovo indirizzo lì; i vecchi link portano a esse.
}
admin-move-to = L’attore della nuova città (URL)
admin-move-confirm = Ho capito che chi segue questa città seguirà invece la nuova.
admin-move-submit = Trasferisci la città
error-move-unconfirmed = Conferma prima il trasferimento: spunta la casella che dice che cosa comporta.
error-move-target = «{ $target }» non è l’indirizzo dell’attore di una città, come https://praxis.example/city.
error-move-not-named = La città a { $target } non indica questa città tra gli attori che era prima. Aggiungi l’attore di questa città al suo [city] also_known_as, riavviala e riprova. Non è cambiato nulla.
done-moved = La città si è trasferita: chi la segue è avvisato e seguirà la nuova città.
