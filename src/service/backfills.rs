//! Importing a followed city's history: started when a follow is accepted, or on request.

use super::{ServiceError, peers::PeerRef};
use crate::{
    app::AppData,
    domain::city::City,
    storage::{backfills, follows},
};

/// Queues (again) the import of a followed city's history; running it again is harmless.
pub async fn start(data: &AppData, target: &str) -> Result<City, ServiceError> {
    let peer = PeerRef::parse(target)?;
    let local = data.city_id;
    let city = data
        .db
        .write(move |conn| -> Result<City, ServiceError> {
            let (id, city) = peer.find_known(conn)?.ok_or_else(|| {
                ServiceError::NotFound(format!("{peer} is not a city known here; follow it first"))
            })?;
            if follows::find(conn, local, id)?.is_none() {
                return Err(ServiceError::BadInput(format!(
                    "this city does not follow {}; follow it first",
                    city.address()
                )));
            }
            backfills::start(conn, id)?;
            Ok(city)
        })
        .await?;
    data.backfill_signal.notify_one();
    Ok(city)
}
