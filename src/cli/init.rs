//! `praxis init`: stands up a new city instance (configuration, database, keys, profile, first
//! admin) from flags, asking for what is missing when a person is at the terminal.

use std::{
    io::{BufRead, IsTerminal, Write},
    path::{Path, PathBuf},
};

use anyhow::{Context, bail};
use clap::Args;
use url::Url;

use crate::{
    app::AppContext,
    config::{DatabaseLocation, Settings},
    domain::{city::is_valid_handle, language::LanguageTag, policy::PolicyMode, user::Role},
    service::{accounts, policy::set_mode},
    storage::Database,
};

use super::GlobalArgs;

/// The configuration file `init` writes when `--config` is not given.
pub const DEFAULT_CONFIG_FILE: &str = "praxis.toml";

/// What `praxis init` is told; every value left out is asked for at a terminal.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The city's handle: with the public URL's host it forms its address (handle@host).
    #[arg(long)]
    pub handle: Option<String>,
    /// The city's name (or its integration office's), in its main language.
    #[arg(long)]
    pub name: Option<String>,
    /// The name in another of its languages, like `en=City of Skopje`; may be repeated.
    #[arg(long = "name-in", value_name = "LANG=NAME", value_parser = parse_translated_name)]
    pub names: Vec<(String, String)>,
    /// One or two sentences about the city and its work.
    #[arg(long)]
    pub summary: Option<String>,
    /// ISO 3166-1 alpha-2 country code, like IT, BG or MK.
    #[arg(long)]
    pub country: Option<String>,
    /// Languages the city publishes in, the main one first, like `it,en`.
    #[arg(long, value_delimiter = ',')]
    pub languages: Vec<String>,
    /// Directory of the SQLite database, attachments and the admin token.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// User name of the first admin account.
    #[arg(long, value_name = "USERNAME")]
    pub admin: Option<String>,
    /// Read the first admin's password from standard input instead of generating one.
    #[arg(long)]
    pub admin_password_stdin: bool,
    /// Whom the city federates with: `allowlist` (only partners, the default for a network
    /// member) or `open`.
    #[arg(long, default_value = "allowlist", value_parser = ["allowlist", "open"])]
    pub policy: String,
    /// Never ask; fail on what is missing (also the behaviour when no terminal is attached).
    #[arg(long)]
    pub no_input: bool,
    /// Replace an existing configuration file and set an existing SQLite database aside.
    #[arg(long)]
    pub force: bool,
}

/// Everything `init` needs, once asked for or given.
struct Answers {
    public_url: Url,
    listen: std::net::SocketAddr,
    data_dir: PathBuf,
    database_url: String,
    handle: String,
    name: String,
    names: Vec<(String, String)>,
    summary: String,
    country: String,
    languages: Vec<String>,
    admin: String,
    allow_local_peers: bool,
}

pub async fn init(global: &GlobalArgs, args: InitArgs) -> anyhow::Result<()> {
    let config_path = global
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG_FILE));
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    let mut prompt = Prompt::new(interactive);
    let answers = ask(global, &args, &mut prompt)?;
    let mode = PolicyMode::from_code(&args.policy).expect("clap checked the policy");

    let toml = render_config(&answers);
    // Validates the answers the same way `serve` will read them.
    let settings = Settings::from_toml(&toml).context("the answers do not make a valid configuration")?;
    refuse_existing(&config_path, &settings, args.force).await?;

    let password = if args.admin_password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let password = line.trim_end_matches(['\r', '\n']).to_string();
        if password.is_empty() {
            bail!("no password on standard input");
        }
        Some(password)
    } else {
        None
    };

    if let Some(dir) = config_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&config_path, &toml).with_context(|| format!("writing {}", config_path.display()))?;

    let ctx = AppContext::open(settings.clone()).await?;
    set_mode(&ctx.policy, mode, None).await?;
    let password = match password {
        Some(password) => password,
        None => accounts::random_secret(16),
    };
    accounts::create_user(&ctx.db, &answers.admin, &answers.admin, Role::Admin, &password).await?;

    let config = config_path.display();
    println!("Created {} ({}).", ctx.city.name, ctx.city.address());
    println!("  configuration: {config}");
    match settings.database() {
        DatabaseLocation::Sqlite(path) => println!("  database:      {}", path.display()),
        DatabaseLocation::Postgres(_) => println!("  database:      PostgreSQL (instance.database_url)"),
    }
    println!("  policy:        {}", mode.code());
    println!("  admin:         {}", answers.admin);
    if !args.admin_password_stdin {
        println!("  password:      {password}   (shown once; change it on the account page)");
    }
    println!();
    println!("Next steps:");
    println!("  1. Start the instance:         praxis --config {config} serve");
    println!(
        "  2. Log in:                     {}login (as {})",
        settings.instance.public_url, answers.admin
    );
    println!("  3. Join the partner network:   praxis --config {config} network join partners.toml");
    println!(
        "     (or follow the network of one partner: praxis --config {config} seed --from HANDLE@DOMAIN)"
    );
    if mode == PolicyMode::Allowlist {
        println!(
            "  Only cities on the allowlist can federate with this one; `network join` adds partners, `policy allow` adds others."
        );
    }
    if settings.instance.public_url.scheme() != "https" && !settings.federation.allow_local_peers {
        println!("  The public URL is not https: peers on the internet will not federate with it.");
    }
    Ok(())
}

fn ask(global: &GlobalArgs, args: &InitArgs, prompt: &mut Prompt) -> anyhow::Result<Answers> {
    let public_url = match &global.public_url {
        Some(url) => url.clone(),
        None => {
            let text = prompt.ask("Public URL of the instance (https://...)", None, "--public-url")?;
            Url::parse(&text).with_context(|| format!("`{text}` is not a URL"))?
        }
    };
    let default_handle = public_url
        .host_str()
        .and_then(|h| h.split('.').find(|p| !matches!(*p, "praxis" | "www")))
        .map(|h| h.replace('-', "_").to_ascii_lowercase())
        .filter(|h| is_valid_handle(h));
    let handle = given_or_asked(
        prompt,
        &args.handle,
        "Handle of the city (lowercase letters, digits, _)",
        default_handle.as_deref(),
        "--handle",
    )?;
    if !is_valid_handle(&handle) {
        bail!("`{handle}` is not a handle: use lowercase ASCII letters, digits and underscores");
    }
    let name = given_or_asked(prompt, &args.name, "Name of the city or office", None, "--name")?;
    let languages = if args.languages.is_empty() {
        prompt
            .ask(
                "Languages it publishes in, main first (like it,en)",
                Some("en"),
                "--languages",
            )?
            .split(',')
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    } else {
        args.languages.clone()
    };
    for language in &languages {
        LanguageTag::parse(language)
            .map_err(|e| anyhow::anyhow!("`{language}` is not a language tag: {e}"))?;
    }
    // The name in each further language: given, or asked (the main name when left empty).
    let mut names = args.names.clone();
    for language in languages.iter().skip(1) {
        if names.iter().any(|(tag, _)| tag == language) || !prompt.interactive {
            continue;
        }
        let answer = prompt.ask(&format!("Name in `{language}`"), Some(&name), "--name-in")?;
        if answer != name {
            names.push((language.clone(), answer));
        }
    }
    let country = given_or_asked(
        prompt,
        &args.country,
        "Country (ISO code like IT, BG, MK; empty for none)",
        Some(""),
        "--country",
    )?
    .to_ascii_uppercase();
    let summary = given_or_asked(
        prompt,
        &args.summary,
        "One sentence about the city and its work",
        Some(""),
        "--summary",
    )?;
    let admin = given_or_asked(
        prompt,
        &args.admin,
        "User name of the first admin",
        Some("admin"),
        "--admin",
    )?;
    let data_dir = args.data_dir.clone().unwrap_or_else(|| PathBuf::from("data"));
    Ok(Answers {
        // Behind a proxy the public port is the proxy's; an explicit port is the server's own.
        listen: global
            .listen
            .unwrap_or_else(|| ([127, 0, 0, 1], public_url.port().unwrap_or(8080)).into()),
        public_url,
        data_dir,
        database_url: global.database_url.clone().unwrap_or_default(),
        handle,
        name,
        names,
        summary,
        country,
        languages,
        admin,
        allow_local_peers: global.allow_local_peers,
    })
}

fn given_or_asked(
    prompt: &mut Prompt,
    given: &Option<String>,
    question: &str,
    default: Option<&str>,
    flag: &str,
) -> anyhow::Result<String> {
    match given {
        Some(value) => Ok(value.clone()),
        None => prompt.ask(question, default, flag),
    }
}

/// Refuses to replace an instance unless forced; when forced, keeps the old SQLite database
/// beside the new one rather than deleting it.
async fn refuse_existing(config_path: &Path, settings: &Settings, force: bool) -> anyhow::Result<()> {
    let database = settings.database();
    let existing_database = match &database {
        DatabaseLocation::Sqlite(path) => path.exists(),
        DatabaseLocation::Postgres(_) => {
            let location = database.clone();
            tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
                let db = Database::connect(&location, 1)?;
                Ok(db.read_blocking(crate::storage::cities::local_city_exists)?)
            })
            .await??
        }
    };
    if !force {
        if config_path.exists() {
            bail!(
                "{} already exists: this looks like an instance already; pass --force to replace the configuration",
                config_path.display()
            );
        }
        if existing_database {
            bail!("the database already holds an instance; pass --force to start a new one");
        }
        return Ok(());
    }
    if existing_database {
        match database {
            DatabaseLocation::Sqlite(path) => {
                let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
                let aside = path.with_extension(format!("db.{stamp}.bak"));
                std::fs::rename(&path, &aside).with_context(|| format!("moving {} aside", path.display()))?;
                for suffix in ["-wal", "-shm"] {
                    let side = PathBuf::from(format!("{}{suffix}", path.display()));
                    if side.exists() {
                        std::fs::rename(&side, format!("{}{suffix}", aside.display()))?;
                    }
                }
                let token = settings.admin_token_file();
                if token.exists() {
                    std::fs::remove_file(&token)?;
                }
                println!("The old database was kept as {}.", aside.display());
            }
            DatabaseLocation::Postgres(_) => bail!(
                "the PostgreSQL database already holds an instance; Praxis never drops a database: drop and create it yourself, then run init again"
            ),
        }
    }
    Ok(())
}

/// The configuration file: only what differs per city; config/default.toml documents the rest.
fn render_config(answers: &Answers) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let languages = answers
        .languages
        .iter()
        .map(|l| quote(l))
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = format!(
        "# Praxis configuration written by `praxis init`. Every key, its default and its meaning are\n\
         # documented in config/default.toml (and `praxis --help`).\n\n\
         [instance]\n\
         # The city's identity on the network: do not change it once the city has federated.\n\
         public_url = {}\n\
         listen = {}\n\
         data_dir = {}\n\
         # Empty: SQLite in data_dir. For PostgreSQL: postgres://user:password@host:5432/praxis\n\
         database_url = {}\n\n\
         [city]\n\
         handle = {}\n\
         name = {}\n\
         names = {{ {} }}\n\
         summary = {}\n\
         languages = [{languages}]\n\
         country = {}\n",
        quote(answers.public_url.as_str()),
        quote(&answers.listen.to_string()),
        quote(&answers.data_dir.to_string_lossy()),
        quote(&answers.database_url),
        quote(&answers.handle),
        quote(&answers.name),
        answers
            .names
            .iter()
            .map(|(tag, name)| format!("{} = {}", quote(tag), quote(name)))
            .collect::<Vec<_>>()
            .join(", "),
        quote(&answers.summary),
        quote(&answers.country),
    );
    if answers.allow_local_peers {
        text.push_str(
            "\n[federation]\n# Peers on http and loopback/private addresses: for a network on one machine only.\nallow_local_peers = true\n",
        );
    }
    text
}

/// Reads `LANG=NAME`.
fn parse_translated_name(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((tag, name)) if !name.trim().is_empty() => {
            let tag = LanguageTag::parse(tag.trim()).map_err(|e| format!("`{tag}`: {e}"))?;
            Ok((tag.to_string(), name.trim().to_string()))
        }
        _ => Err(format!(
            "expected LANG=NAME, like en=City of Skopje; got `{text}`"
        )),
    }
}

/// Asks at the terminal, or says which flag is missing when nobody can answer.
struct Prompt {
    interactive: bool,
}

impl Prompt {
    fn new(interactive: bool) -> Prompt {
        Prompt { interactive }
    }

    fn ask(&mut self, question: &str, default: Option<&str>, flag: &str) -> anyhow::Result<String> {
        if !self.interactive {
            return match default {
                Some(default) => Ok(default.to_string()),
                None => bail!("{flag} is required (no terminal to ask at)"),
            };
        }
        loop {
            match default {
                Some(d) if !d.is_empty() => print!("{question} [{d}]: "),
                _ => print!("{question}: "),
            }
            std::io::stdout().flush()?;
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line)? == 0 {
                bail!("{flag} is required (standard input ended)");
            }
            let answer = line.trim();
            if !answer.is_empty() {
                return Ok(answer.to_string());
            }
            if let Some(default) = default {
                return Ok(default.to_string());
            }
        }
    }
}
