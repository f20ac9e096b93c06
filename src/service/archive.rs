//! The city's own content as one archive (a tar file), and restoring it into another instance:
//! every item with every language and field, with its dates, and the files attached to it.
//!
//! Layout: `praxis-archive.json` (what and whose), `items.json` (the items, oldest first, as
//! drafts with their original ids and dates), `attachments/<sha256>` (the files uploaded here).

use std::{
    collections::{BTreeMap, BTreeSet},
    io::{Read, Write},
};

use activitypub_federation::fetch::object_id::ObjectId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{ServiceError, attachments, items};
use crate::domain::audience::Visibility;
use crate::{
    app::AppData,
    domain::item::{AttachmentDraft, ItemDraft, KnowledgeItem},
    storage::items::{self as stored_items, ItemCursor, Scope},
};

/// The format named in an archive's description.
pub const FORMAT: &str = "praxis-archive";
pub const VERSION: u32 = 1;
const DESCRIPTION: &str = "praxis-archive.json";
const ITEMS: &str = "items.json";
const ATTACHMENTS: &str = "attachments/";

/// What an archive holds and where it comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchiveDescription {
    pub format: String,
    pub version: u32,
    pub city: String,
    pub city_name: String,
    pub exported_at: DateTime<Utc>,
    pub items: usize,
    pub attachments: usize,
}

/// One item as archived.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArchivedItem {
    /// Its id where it was exported from.
    pub id: Url,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub content: ItemDraft,
}

/// Writes the archive of the city's own items to `out`; returns its description.
pub async fn export(data: &AppData, out: impl Write) -> Result<ArchiveDescription, ServiceError> {
    let own = own_items(data).await?;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let dir = data.settings.attachments_dir();
    let mut archived = Vec::with_capacity(own.len());
    for (id, published, updated, mut draft) in own {
        for attachment in &mut draft.attachments {
            // Files uploaded here travel in the archive; files elsewhere stay links.
            let Some(digest) = attachment.digest.clone().filter(|_| is_local(data, attachment)) else {
                continue;
            };
            if !files.contains_key(&digest) {
                let path = dir.join(&digest);
                let bytes = tokio::fs::read(&path).await.map_err(|e| {
                    ServiceError::NotFound(format!(
                        "the file {} of {id} is missing from {}: {e}",
                        attachment.name.as_deref().unwrap_or_default(),
                        dir.display()
                    ))
                })?;
                files.insert(digest.clone(), bytes);
            }
            attachment.url = None;
            attachment.size = None;
        }
        archived.push(ArchivedItem {
            id,
            published,
            updated,
            content: draft,
        });
    }
    let description = ArchiveDescription {
        format: FORMAT.into(),
        version: VERSION,
        city: data.city.address(),
        city_name: data.city.name.clone(),
        exported_at: Utc::now(),
        items: archived.len(),
        attachments: files.len(),
    };
    let mut tar = tar::Builder::new(out);
    let mut add = |path: &str, bytes: &[u8]| -> std::io::Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(description.exported_at.timestamp().max(0) as u64);
        header.set_cksum();
        tar.append_data(&mut header, path, bytes)
    };
    let io = |e: std::io::Error| ServiceError::BadInput(format!("writing the archive failed: {e}"));
    add(
        DESCRIPTION,
        &serde_json::to_vec_pretty(&description).expect("serializable"),
    )
    .map_err(io)?;
    add(
        ITEMS,
        &serde_json::to_vec_pretty(&archived).expect("serializable"),
    )
    .map_err(io)?;
    for (digest, bytes) in &files {
        add(&format!("{ATTACHMENTS}{digest}"), bytes).map_err(io)?;
    }
    tar.into_inner().and_then(|mut out| out.flush()).map_err(io)?;
    Ok(description)
}

fn is_local(data: &AppData, attachment: &AttachmentDraft) -> bool {
    attachment.url.as_deref().is_none_or(|url| {
        Url::parse(url).is_ok_and(|u| u.origin() == data.settings.instance.public_url.origin())
    })
}

type OwnItem = (Url, DateTime<Utc>, DateTime<Utc>, ItemDraft);

/// The city's items, oldest first.
async fn own_items(data: &AppData) -> Result<Vec<OwnItem>, ServiceError> {
    let city = data.city_id;
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = data
            .db
            .read(move |conn| {
                stored_items::page(conn, Scope::Origin(city), Visibility::Everything, cursor, 200)
            })
            .await?;
        let Some(last) = page.last() else { break };
        cursor = Some(ItemCursor {
            published: last.item.published,
            id: last.id,
        });
        all.extend(page.into_iter().map(|s| {
            let draft = ItemDraft::from(&s.item.content);
            (s.item.ap_id, s.item.published, s.item.updated, draft)
        }));
    }
    all.reverse();
    Ok(all)
}

/// What restoring did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub description: ArchiveDescription,
    /// Old id and new id of every item.
    pub items: Vec<(Url, Url)>,
    pub attachments: usize,
}

/// An archive read into memory and checked.
#[derive(Debug, Clone)]
pub struct Archive {
    pub description: ArchiveDescription,
    /// Oldest first.
    pub items: Vec<ArchivedItem>,
    /// File contents by SHA-256.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Reads an archive completely and checks it before anything is stored.
pub fn read(input: impl Read) -> Result<Archive, ServiceError> {
    let bad = |what: String| ServiceError::BadInput(format!("not a Praxis archive: {what}"));
    let mut tar = tar::Archive::new(input);
    let (mut description, mut items, mut files) = (None, None, BTreeMap::new());
    for entry in tar.entries().map_err(|e| bad(e.to_string()))? {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let path = entry
            .path()
            .map_err(|e| bad(e.to_string()))?
            .to_string_lossy()
            .to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| bad(e.to_string()))?;
        match path.as_str() {
            DESCRIPTION => {
                description = Some(
                    serde_json::from_slice::<ArchiveDescription>(&bytes)
                        .map_err(|e| bad(format!("{DESCRIPTION}: {e}")))?,
                )
            }
            ITEMS => {
                items = Some(
                    serde_json::from_slice::<Vec<ArchivedItem>>(&bytes)
                        .map_err(|e| bad(format!("{ITEMS}: {e}")))?,
                )
            }
            _ => match path.strip_prefix(ATTACHMENTS) {
                Some(digest) if !digest.is_empty() => {
                    files.insert(digest.to_string(), bytes);
                }
                _ => return Err(bad(format!("unexpected entry `{path}`"))),
            },
        }
    }
    let description = description.ok_or_else(|| bad(format!("{DESCRIPTION} is missing")))?;
    if description.format != FORMAT || description.version > VERSION {
        return Err(bad(format!(
            "format {} version {} (this Praxis reads {FORMAT} up to version {VERSION})",
            description.format, description.version
        )));
    }
    let items = items.ok_or_else(|| bad(format!("{ITEMS} is missing")))?;
    // Every file an item names is there, so nothing is half restored.
    let needed: BTreeSet<&String> = items
        .iter()
        .flat_map(|i| &i.content.attachments)
        .filter(|a| a.url.is_none())
        .filter_map(|a| a.digest.as_ref())
        .collect();
    if let Some(missing) = needed.iter().find(|d| !files.contains_key(**d)) {
        return Err(bad(format!(
            "the file {missing} is named by an item but not in the archive"
        )));
    }
    Ok(Archive {
        description,
        items,
        files,
    })
}

/// Restores a read archive as this city's items: files first, then the items oldest first with
/// their dates; references between archived items point at their new ids.
pub async fn restore(
    data: &AppData,
    archive: Archive,
    mut progress: impl FnMut(),
) -> Result<Restored, ServiceError> {
    let Archive {
        description,
        items: archived,
        files,
    } = archive;
    // Every item is checked before anything is stored.
    for item in &archived {
        let mut draft = item.content.clone();
        draft.attachments.clear();
        draft.cites.clear();
        draft.adapted_from = None;
        draft.validate().map_err(|e| {
            ServiceError::BadInput(format!("the archived item {} is not valid here: {e}", item.id))
        })?;
    }
    // Items adapted from other cities' items need those to be reachable; find out before
    // anything is stored rather than halfway through.
    let archived_ids: BTreeSet<String> = archived.iter().map(|i| i.id.to_string()).collect();
    let originals: BTreeSet<&String> = archived
        .iter()
        .filter_map(|i| i.content.adapted_from.as_ref())
        .filter(|url| !archived_ids.contains(*url))
        .collect();
    for original in originals {
        let url = Url::parse(original)
            .map_err(|e| ServiceError::BadInput(format!("an archived item adapts `{original}`: {e}")))?;
        ObjectId::<KnowledgeItem>::from(url)
            .dereference(data)
            .await
            .map_err(|e| {
                ServiceError::BadInput(format!(
                    "an archived item adapts {original}, which cannot be fetched ({e}); nothing was restored"
                ))
            })?;
    }
    let mut named: BTreeMap<&String, (&str, &str)> = BTreeMap::new();
    for attachment in archived.iter().flat_map(|i| &i.content.attachments) {
        if let (Some(digest), None) = (&attachment.digest, &attachment.url) {
            named.entry(digest).or_insert((
                attachment.name.as_deref().unwrap_or("file"),
                attachment.media_type.as_deref().unwrap_or_default(),
            ));
        }
    }
    let mut stored_files = 0;
    for (digest, bytes) in &files {
        let Some((name, media_type)) = named.get(digest) else {
            continue;
        };
        let stored = attachments::store(data, name, media_type, bytes.clone()).await?;
        if &stored.digest != digest {
            return Err(ServiceError::BadInput(format!(
                "the archived file {digest} does not match its name (its content hashes to {})",
                stored.digest
            )));
        }
        stored_files += 1;
    }
    let mut new_ids: BTreeMap<String, Url> = BTreeMap::new();
    let mut restored = Vec::with_capacity(archived.len());
    for item in archived {
        let mut draft = item.content;
        let renamed = |url: &String| {
            new_ids
                .get(url)
                .map(Url::to_string)
                .unwrap_or_else(|| url.clone())
        };
        draft.cites = draft.cites.iter().map(renamed).collect();
        draft.adapted_from = draft.adapted_from.as_ref().map(renamed);
        let restoring = items::Restoring {
            published: item.published,
            updated: item.updated,
            former_ap_id: Some(item.id.clone()),
        };
        let published = items::publish_restored(data, draft, restoring).await?;
        new_ids.insert(item.id.to_string(), published.item.ap_id.clone());
        restored.push((item.id, published.item.ap_id));
        progress();
    }
    Ok(Restored {
        description,
        items: restored,
        attachments: stored_files,
    })
}
