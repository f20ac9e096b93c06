//! `translation_proposals`: translations this city proposed for peers' items (outgoing) and
//! those peers proposed for its own (incoming), with where each stands.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};
use url::Url;

use super::{
    DbConn, StorageError, cities::CityId, dispatch, from_db_time, schema::translation_proposals as tp,
    stored_url, to_db_time,
};
use crate::domain::{
    item::now,
    translation::{ProposalState, TranslationTexts},
};

/// A proposal as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: i64,
    pub ap_id: Url,
    pub item: Url,
    pub proposer: CityId,
    pub outgoing: bool,
    pub texts: TranslationTexts,
    /// The item's `updated` the translation was made from.
    pub based_on: DateTime<Utc>,
    pub state: ProposalState,
    pub message: Option<String>,
    pub created: DateTime<Utc>,
    pub decided: Option<DateTime<Utc>>,
}

type Row = (
    i64,
    String,
    String,
    i64,
    bool,
    String,
    NaiveDateTime,
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

macro_rules! columns {
    () => {
        (
            tp::id,
            tp::ap_id,
            tp::item_ap_id,
            tp::proposer_city_id,
            tp::outgoing,
            tp::texts,
            tp::based_on,
            tp::state,
            tp::message,
            tp::created_at,
            tp::decided_at,
        )
    };
}

fn to_proposal(row: Row) -> Result<Proposal, StorageError> {
    let (id, ap_id, item, proposer, outgoing, texts, based_on, state, message, created, decided) = row;
    let corrupt = |what: &str| StorageError::Corrupt(format!("{what} of translation proposal {ap_id}"));
    Ok(Proposal {
        texts: serde_json::from_str(&texts).map_err(|_| corrupt("texts"))?,
        state: ProposalState::from_code(&state).ok_or_else(|| corrupt("state"))?,
        ap_id: stored_url(&ap_id)?,
        item: stored_url(&item)?,
        id,
        proposer: CityId(proposer),
        outgoing,
        based_on: from_db_time(based_on),
        message,
        created: from_db_time(created),
        decided: decided.map(from_db_time),
    })
}

/// What a new proposal holds.
pub struct NewProposal<'a> {
    pub ap_id: &'a Url,
    pub item: &'a Url,
    pub proposer: CityId,
    pub outgoing: bool,
    pub texts: &'a TranslationTexts,
    pub based_on: DateTime<Utc>,
}

/// Stores a proposal; `None` when one with its id is stored already.
pub fn insert(conn: &mut DbConn<'_>, new: &NewProposal<'_>) -> Result<Option<i64>, StorageError> {
    let texts = serde_json::to_string(new.texts).expect("texts serialize");
    let values = (
        tp::ap_id.eq(new.ap_id.as_str()),
        tp::item_ap_id.eq(new.item.as_str()),
        tp::proposer_city_id.eq(new.proposer.0),
        tp::outgoing.eq(new.outgoing),
        tp::language.eq(new.texts.language.as_str()),
        tp::texts.eq(&texts),
        tp::based_on.eq(to_db_time(new.based_on)),
        tp::state.eq(ProposalState::Proposed.code()),
        tp::created_at.eq(to_db_time(now())),
    );
    let id = dispatch!(conn, c => diesel::insert_into(tp::table)
        .values(values)
        .on_conflict(tp::ap_id)
        .do_nothing()
        .returning(tp::id)
        .get_result::<i64>(c)
        .optional())?;
    Ok(id)
}

pub fn get(conn: &mut DbConn<'_>, id: i64) -> Result<Option<Proposal>, StorageError> {
    let row = dispatch!(conn, c => tp::table.find(id).select(columns!()).first::<Row>(c).optional())?;
    row.map(to_proposal).transpose()
}

pub fn find_by_ap_id(conn: &mut DbConn<'_>, ap_id: &Url) -> Result<Option<Proposal>, StorageError> {
    let row = dispatch!(conn, c => tp::table
        .filter(tp::ap_id.eq(ap_id.as_str()))
        .select(columns!())
        .first::<Row>(c)
        .optional())?;
    row.map(to_proposal).transpose()
}

/// Proposals sent (`outgoing`) or received, newest first, in `state` when given.
pub fn list(
    conn: &mut DbConn<'_>,
    outgoing: bool,
    state: Option<ProposalState>,
    limit: i64,
) -> Result<Vec<Proposal>, StorageError> {
    let rows = dispatch!(conn, c => {
        let mut query = tp::table.filter(tp::outgoing.eq(outgoing)).into_boxed();
        if let Some(state) = state {
            query = query.filter(tp::state.eq(state.code()));
        }
        query.order(tp::id.desc()).limit(limit).select(columns!()).load::<Row>(c)
    })?;
    rows.into_iter().map(to_proposal).collect()
}

/// The proposals for one item in `state`, oldest first.
pub fn for_item(
    conn: &mut DbConn<'_>,
    item: &Url,
    state: ProposalState,
) -> Result<Vec<Proposal>, StorageError> {
    let rows = dispatch!(conn, c => tp::table
        .filter(tp::item_ap_id.eq(item.as_str()))
        .filter(tp::state.eq(state.code()))
        .order(tp::id.asc())
        .select(columns!())
        .load::<Row>(c))?;
    rows.into_iter().map(to_proposal).collect()
}

/// How many proposals of `proposer` wait for review here: a peer may not fill the queue.
pub fn open_from(conn: &mut DbConn<'_>, proposer: CityId) -> Result<i64, StorageError> {
    let count = dispatch!(conn, c => tp::table
        .filter(tp::proposer_city_id.eq(proposer.0))
        .filter(tp::outgoing.eq(false))
        .filter(tp::state.eq(ProposalState::Proposed.code()))
        .count()
        .get_result::<i64>(c))?;
    Ok(count)
}

/// Records the decision on a proposal still open; false when it was decided already.
pub fn decide(
    conn: &mut DbConn<'_>,
    id: i64,
    state: ProposalState,
    message: Option<&str>,
) -> Result<bool, StorageError> {
    let changed = dispatch!(conn, c => diesel::update(
        tp::table.find(id).filter(tp::state.eq(ProposalState::Proposed.code())),
    )
    .set((
        tp::state.eq(state.code()),
        tp::message.eq(message),
        tp::decided_at.eq(Some(to_db_time(now()))),
    ))
    .execute(c))?;
    Ok(changed == 1)
}
