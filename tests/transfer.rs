//! Moving knowledge in bulk: importing items from CSV and JSON with a per-row report and a dry
//! run, and exporting a city's own content as one archive that restores into a fresh instance.

mod common;

use common::{Backend, TestCity, item_fixture, praxis_in};
use praxis::{
    domain::item::ItemDraft,
    storage::items::{Scope, StoredItem, page},
};
use serde_json::{Value, json};

/// The city's own items, newest first.
async fn own_items(city: &TestCity) -> Vec<StoredItem> {
    let id = city.ctx().city_id;
    city.ctx()
        .db
        .read(move |conn| {
            page(
                conn,
                Scope::Origin(id),
                praxis::domain::audience::Visibility::Everything,
                None,
                100,
            )
        })
        .await
        .unwrap()
}

/// An item's content as an editor would see it, without where its files are served from.
fn comparable(item: &StoredItem) -> Value {
    let mut draft = serde_json::to_value(ItemDraft::from(&item.item.content)).unwrap();
    for attachment in draft["attachments"].as_array_mut().unwrap() {
        attachment.as_object_mut().unwrap().remove("url");
    }
    json!({
        "content": draft,
        "published": item.item.published,
        "updated": item.item.updated,
    })
}

on_both_backends! {
    async fn an_exported_archive_restores_the_same_items_elsewhere(backend: Backend) {
        let vidin = TestCity::start("vidin", backend).await;
        let pdf = b"%PDF-1.4\n% School for parents: facilitator notes\n%%EOF\n".to_vec();
        let mut url = vidin.url("/api/v1/attachments");
        url.query_pairs_mut().append_pair("name", "Училище за родители.pdf");
        let stored: Value = vidin
            .http
            .post(url)
            .bearer_auth(&vidin.token)
            .header("Content-Type", "application/pdf")
            .body(pdf.clone())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let mut with_file = item_fixture("good_practice");
        with_file["attachments"] = json!([{ "name": "Училище за родители.pdf", "digest": stored["digest"] }]);
        let first = vidin.publish(with_file).await;
        for kind in ["training_material", "action_plan", "exchange_report"] {
            vidin.publish(item_fixture(kind)).await;
        }
        // One item cites another: the reference must follow it to its new id.
        let mut citing = item_fixture("training_material");
        citing["title"]["bg"] = json!("Наръчник по модела на Видин");
        citing["cites"] = json!([first["id"]]);
        vidin.publish(citing).await;
        let original = own_items(&vidin).await;
        assert_eq!(original.len(), 5);

        let archive = vidin.dir().join("vidin.tar");
        let config = vidin.write_config().to_string_lossy().to_string();
        let (ok, out, err) = praxis_in(
            &vidin.dir(),
            &["--config", &config, "export", "--output", &archive.to_string_lossy()],
            "",
        );
        assert!(ok, "export failed: {err}");
        assert!(out.contains("5 item(s) and 1 file(s)"), "{out}");

        let fresh = TestCity::start("vidin2", backend).await;
        let fresh_config = fresh.write_config().to_string_lossy().to_string();
        let (ok, out, err) = praxis_in(
            &fresh.dir(),
            &["--config", &fresh_config, "restore", &archive.to_string_lossy()],
            "",
        );
        assert!(ok, "restore failed: {err}\n{out}");
        assert!(out.contains("Restored 5 item(s) and 1 file(s)"), "{out}");

        let restored = own_items(&fresh).await;
        let old_to_new: std::collections::BTreeMap<String, String> = original
            .iter()
            .zip(&restored)
            .map(|(o, r)| (o.item.ap_id.to_string(), r.item.ap_id.to_string()))
            .collect();
        assert_eq!(restored.len(), original.len());
        for (before, after) in original.iter().zip(&restored) {
            assert!(after.item.ap_id.as_str().starts_with(fresh.url("/").as_str()));
            let mut expected = comparable(before);
            // References to archived items now name their restored copies.
            if let Some(cites) = expected["content"]["cites"].as_array_mut() {
                for cite in cites {
                    if let Some(new) = old_to_new.get(cite.as_str().unwrap()) {
                        *cite = json!(new);
                    }
                }
            }
            assert_eq!(comparable(after), expected, "{} was not restored as it was", before.item.ap_id);
        }
        // The file is served by the new instance, byte for byte.
        let attachment = &restored
            .iter()
            .find(|i| !i.item.content.attachments.is_empty())
            .expect("the item with a file")
            .item
            .content
            .attachments[0];
        assert!(attachment.url.as_str().starts_with(fresh.url("/").as_str()));
        let served = reqwest::get(attachment.url.clone()).await.unwrap().bytes().await.unwrap();
        assert_eq!(served.to_vec(), pdf);

        // An archive that is not one is refused, and nothing changes.
        std::fs::write(fresh.dir().join("broken.tar"), b"not an archive").unwrap();
        let (ok, _, err) = praxis_in(&fresh.dir(), &["--config", &fresh_config, "restore", "broken.tar"], "");
        assert!(!ok);
        assert!(err.contains("not a Praxis archive"), "{err}");
        assert_eq!(own_items(&fresh).await.len(), 5);

        // An item adapting another city's item that cannot be fetched stops the restore before
        // anything is stored.
        let unreachable = format!("http://127.0.0.1:{}/items/gone", common::closed_port());
        let changed = rewrite_items(&archive, |items| {
            items[0]["content"]["adapted_from"] = json!(unreachable);
        });
        let third = TestCity::start("vidin3", backend).await;
        let third_config = third.write_config().to_string_lossy().to_string();
        let (ok, _, err) =
            praxis_in(&third.dir(), &["--config", &third_config, "restore", &changed.to_string_lossy()], "");
        assert!(!ok, "restored an archive whose adapted item cannot be fetched");
        assert!(err.contains("cannot be fetched") && err.contains("nothing was restored"), "{err}");
        assert!(own_items(&third).await.is_empty());
    }

    async fn a_csv_import_reports_every_row_and_publishes_only_when_all_are_valid(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let dir = campobasso.dir();
        let config = campobasso.write_config().to_string_lossy().to_string();
        let header = "kind,original_language,title.it,title.en,summary.it,body.it,themes,target_groups,country,place,period_start,period_end,status,details.problem.it,details.resource_type,details.level";
        let good_row = "good_practice,it,Sportello per le famiglie rom,A desk for Roma families,Un unico sportello per i servizi comunali.,\"Primo passo.\n\nSecondo passo.\",inclusion;social_services,roma,IT,Campobasso,2021-02-01,2023-01-31,mainstreamed,Sfiducia verso i servizi,,";
        let training_row = "training_material,it,Procedure antidiscriminazione,,Guida per formatori.,,anti_discrimination,municipal_staff,IT,Campobasso,,,ongoing,,facilitator_guide,intermediate";
        let bad_row = "good_practice,it,,,Senza titolo,,housing;weather,roma,ITA,,2023-05-01,2022-01-01,,,,";
        std::fs::write(dir.join("items.csv"), format!("{header}\n{good_row}\n{training_row}\n{bad_row}\n")).unwrap();

        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "items.csv", "--dry-run"], "");
        assert!(!ok, "a dry run with an invalid row succeeded");
        assert!(out.contains("3 rows: 2 valid, 1 invalid"), "{out}");
        assert!(out.contains("row 4: invalid"), "the invalid row is named as in a spreadsheet: {out}");
        for field in ["title", "themes[1]", "country", "period"] {
            assert!(out.lines().any(|l| l.trim_start().starts_with(field)), "no problem reported for {field}: {out}");
        }
        assert!(out.contains("Dry run: nothing was published"), "{out}");
        assert!(err.contains("1 row(s) need fixing"), "{err}");
        assert!(own_items(&campobasso).await.is_empty());

        // Without --dry-run, still nothing while a row is invalid.
        let (ok, _, err) = praxis_in(&dir, &["--config", &config, "import", "items.csv"], "");
        assert!(!ok);
        assert!(err.contains("nothing was published"), "{err}");
        assert!(own_items(&campobasso).await.is_empty());

        // --skip-invalid publishes the two valid rows.
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "items.csv", "--skip-invalid"], "");
        assert!(ok, "{err}");
        assert!(out.contains("Published 2 item(s)"), "{out}");
        let items = own_items(&campobasso).await;
        assert_eq!(items.len(), 2);
        let practice = items
            .iter()
            .find(|i| i.item.content.kind.code() == "good_practice")
            .unwrap();
        let draft = ItemDraft::from(&practice.item.content);
        assert_eq!(draft.title["en"], "A desk for Roma families");
        assert_eq!(draft.body["it"], "<p>Primo passo.</p><p>Secondo passo.</p>");
        assert_eq!(draft.themes, ["inclusion", "social_services"]);
        assert_eq!(draft.details["problem"]["it"], "Sfiducia verso i servizi");
        assert_eq!(draft.period.unwrap().end.as_deref(), Some("2023-01-31"));

        // JSON: an array of items as the API takes them.
        let json_items = json!([item_fixture("action_plan"), item_fixture("exchange_report")]);
        std::fs::write(dir.join("items.json"), json_items.to_string()).unwrap();
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "items.json"], "");
        assert!(ok, "{err}");
        assert!(out.contains("2 rows: 2 valid, 0 invalid"), "{out}");
        assert_eq!(own_items(&campobasso).await.len(), 4);

        // A column that means nothing stops the import before any row.
        std::fs::write(dir.join("typo.csv"), "kind,titel.it\ngood_practice,X\n").unwrap();
        let (ok, _, err) = praxis_in(&dir, &["--config", &config, "import", "typo.csv"], "");
        assert!(!ok);
        assert!(err.contains("unknown column `titel.it`"), "{err}");
    }

    async fn importing_the_same_file_again_updates_what_it_published(backend: Backend) {
        let campobasso = TestCity::start("campobasso", backend).await;
        let tran = TestCity::start("tran", backend).await;
        tran.follow_and_wait(&campobasso).await;
        let dir = campobasso.dir();
        let config = campobasso.write_config().to_string_lossy().to_string();
        let header = "external_id,kind,original_language,title.it,summary.it,themes,target_groups,details.resource_type";
        let desk = "CB-2021-07,good_practice,it,Sportello per le famiglie rom,Un unico sportello.,inclusion,roma,";
        let guide = "CB-2022-01,training_material,it,Procedure antidiscriminazione,Guida per formatori.,anti_discrimination,municipal_staff,facilitator_guide";
        let write = |rows: &[&str]| {
            std::fs::write(dir.join("registry.csv"), format!("{header}\n{}\n", rows.join("\n"))).unwrap()
        };
        write(&[desk, guide]);
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.csv"], "");
        assert!(ok, "{out}{err}");
        assert!(out.contains("Published 2 item(s), updated 0, left 0 unchanged"), "{out}");
        let first = own_items(&campobasso).await;
        assert_eq!(first.len(), 2);

        // The same file again: a dry run says nothing would change, and importing changes nothing.
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.csv", "--dry-run"], "");
        assert!(ok, "{err}");
        assert!(out.contains("0 to publish, 0 to update, 2 unchanged"), "{out}");
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.csv"], "");
        assert!(ok, "{err}");
        assert!(out.contains("Published 0 item(s), updated 0, left 2 unchanged"), "{out}");
        assert_eq!(own_items(&campobasso).await, first, "an unchanged import changed the items");

        // One row edited in the registry, one added: the dry run names each, the import updates
        // the item in place (same id) and publishes the new one.
        let edited = desk.replace("Sportello per le famiglie rom", "Sportello unico per le famiglie rom");
        let added = "CB-2023-05,good_practice,it,Mediatori culturali nei quartieri,Mediazione di quartiere.,inclusion,roma,";
        write(&[&edited, guide, added]);
        let desk_id = first
            .iter()
            .find(|i| i.item.content.kind.code() == "good_practice")
            .unwrap()
            .item
            .ap_id
            .clone();
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.csv", "--dry-run"], "");
        assert!(ok, "{err}");
        assert!(out.contains(&format!("row 2: would update {desk_id}")), "{out}");
        assert!(out.contains("row 3: unchanged, left alone"), "{out}");
        assert!(out.contains("row 4: would be published"), "{out}");
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.csv"], "");
        assert!(ok, "{err}");
        assert!(out.contains("Published 1 item(s), updated 1, left 1 unchanged"), "{out}");
        let after = own_items(&campobasso).await;
        assert_eq!(after.len(), 3);
        let desk_now = after.iter().find(|i| i.item.ap_id == desk_id).expect("the same item");
        assert_eq!(
            ItemDraft::from(&desk_now.item.content).title["it"],
            "Sportello unico per le famiglie rom"
        );
        // The follower hears of the change as an Update of the same item.
        tran.wait_for_item_where(desk_id.as_str(), "the new title", |item| {
            item["texts"]["it"]["title"] == "Sportello unico per le famiglie rom"
        })
        .await;

        // Two rows claiming one id are refused, naming the first; nothing changes.
        write(&[desk, &desk.replace("Sportello", "Ufficio")]);
        let (ok, out, _) = praxis_in(&dir, &["--config", &config, "import", "registry.csv"], "");
        assert!(!ok);
        assert!(out.contains("`CB-2021-07` is also the id of row 2"), "{out}");
        assert_eq!(own_items(&campobasso).await.len(), 3);

        // JSON takes the same field; a deleted item frees its id, and the row is published anew.
        let (status, _) = campobasso
            .api_send(reqwest::Method::DELETE, &campobasso.item_path(desk_id.as_str()), None)
            .await;
        assert_eq!(status, 200);
        let mut row = item_fixture("good_practice");
        row["external_id"] = json!("CB-2021-07");
        std::fs::write(dir.join("registry.json"), json!([row]).to_string()).unwrap();
        let (ok, out, err) = praxis_in(&dir, &["--config", &config, "import", "registry.json"], "");
        assert!(ok, "{err}");
        assert!(out.contains("Published 1 item(s), updated 0"), "{out}");
        let last = own_items(&campobasso).await;
        assert_eq!(last.len(), 3);
        assert!(last.iter().all(|i| i.item.ap_id != desk_id));
    }
}

/// A copy of the archive at `path` with its items changed by `change`.
fn rewrite_items(path: &std::path::Path, mut change: impl FnMut(&mut Vec<Value>)) -> std::path::PathBuf {
    use std::io::Read;
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((name, bytes));
    }
    for (name, bytes) in &mut entries {
        if name == "items.json" {
            let mut items: Vec<Value> = serde_json::from_slice(bytes).unwrap();
            change(&mut items);
            *bytes = serde_json::to_vec(&items).unwrap();
        }
    }
    let changed = path.with_extension("changed.tar");
    let mut builder = tar::Builder::new(std::fs::File::create(&changed).unwrap());
    for (name, bytes) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, bytes.as_slice()).unwrap();
    }
    builder.finish().unwrap();
    changed
}
