//! The `federation_policy` row and the `federation_domains` lists.

use diesel::{ExpressionMethods, OptionalExtension, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError, dispatch,
    schema::{federation_domains, federation_policy},
    to_db_time,
};
use crate::domain::{
    item::now,
    policy::{DomainEntry, DomainList, FederationPolicy, PeerDomain, PolicyMode},
};

/// The one row of `federation_policy`.
const POLICY_ROW: i32 = 1;

/// The policy as stored; open, with nothing held and empty lists, until set.
pub fn load(conn: &mut DbConn<'_>) -> Result<FederationPolicy, StorageError> {
    let row = dispatch!(conn, c => federation_policy::table
        .find(POLICY_ROW)
        .select((federation_policy::mode, federation_policy::hold_follows))
        .first::<(String, bool)>(c)
        .optional())?;
    let (mode, hold_follows) = match row {
        Some((code, hold)) => (
            PolicyMode::from_code(&code)
                .ok_or_else(|| StorageError::Corrupt(format!("unknown federation policy mode `{code}`")))?,
            hold,
        ),
        None => (PolicyMode::default(), false),
    };
    let rows = dispatch!(conn, c => federation_domains::table
        .order((federation_domains::list.asc(), federation_domains::domain.asc()))
        .select((federation_domains::domain, federation_domains::list, federation_domains::note))
        .load::<(String, String, Option<String>)>(c))?;
    let entries = rows
        .into_iter()
        .map(|(domain, list, note)| {
            Ok(DomainEntry {
                domain: PeerDomain::parse(&domain)
                    .map_err(|e| StorageError::Corrupt(format!("stored policy domain: {e}")))?,
                list: DomainList::from_code(&list)
                    .ok_or_else(|| StorageError::Corrupt(format!("unknown policy list `{list}`")))?,
                note,
            })
        })
        .collect::<Result<_, StorageError>>()?;
    Ok(FederationPolicy {
        mode,
        hold_follows,
        entries,
    })
}

/// Sets the mode and whether follows from non-members are held.
pub fn set(conn: &mut DbConn<'_>, mode: PolicyMode, hold_follows: bool) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::insert_into(federation_policy::table)
        .values((
            federation_policy::id.eq(POLICY_ROW),
            federation_policy::mode.eq(mode.code()),
            federation_policy::hold_follows.eq(hold_follows),
            federation_policy::updated_at.eq(at),
        ))
        .on_conflict(federation_policy::id)
        .do_update()
        .set((
            federation_policy::mode.eq(mode.code()),
            federation_policy::hold_follows.eq(hold_follows),
            federation_policy::updated_at.eq(at),
        ))
        .execute(c))?;
    Ok(())
}

/// Puts a domain on a list (again: the note is replaced).
pub fn add_domain(
    conn: &mut DbConn<'_>,
    domain: &PeerDomain,
    list: DomainList,
    note: Option<&str>,
) -> Result<(), StorageError> {
    let (text, at) = (domain.to_string(), to_db_time(now()));
    dispatch!(conn, c => diesel::insert_into(federation_domains::table)
        .values((
            federation_domains::domain.eq(&text),
            federation_domains::list.eq(list.code()),
            federation_domains::note.eq(note),
            federation_domains::created_at.eq(at),
        ))
        .on_conflict((federation_domains::domain, federation_domains::list))
        .do_update()
        .set(federation_domains::note.eq(note))
        .execute(c))?;
    Ok(())
}

/// Takes a domain off a list; false when it was not on it.
pub fn remove_domain(
    conn: &mut DbConn<'_>,
    domain: &PeerDomain,
    list: DomainList,
) -> Result<bool, StorageError> {
    let text = domain.to_string();
    let removed = dispatch!(conn, c => diesel::delete(
        federation_domains::table
            .filter(federation_domains::domain.eq(&text))
            .filter(federation_domains::list.eq(list.code())),
    )
    .execute(c))?;
    Ok(removed > 0)
}
