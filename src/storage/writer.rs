//! Group commit: every write of the process goes through one writer thread.
//!
//! Writes queued while a batch is being committed are run together in the next transaction, each
//! in a savepoint of its own: a write that fails (a refused item, a repeated activity) is rolled
//! back alone, the others stand. Each caller hears of its result only once the whole transaction
//! is committed, so nothing is answered as stored before it is; a transaction that cannot be
//! committed fails every write in it, and none of them took effect. Under load many writes share
//! one commit (and on SQLite, writers of one process never wait on each other's locks); alone, a
//! write waits for nothing but its own commit.

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    sync::{Arc, mpsc},
};

use diesel::Connection;

use super::{DbConn, Pools, StorageError};

/// Most writes committed together: bounds how long a write can wait behind the others.
const MAX_BATCH: usize = 64;

/// What the writer thread calls once the transaction is over: `Ok` when it was committed.
type Reply = Box<dyn FnOnce(Result<(), String>) + Send>;
/// A queued write: runs in its savepoint and returns how to tell its caller the outcome.
type Job = Box<dyn for<'a, 'b> FnOnce(&'a mut DbConn<'b>) -> Reply + Send>;

/// The queue in front of the writer thread; the thread ends when the last handle is dropped.
#[derive(Clone)]
pub(super) struct WriteQueue {
    writer: Arc<Writer>,
}

struct Writer {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Writer {
    /// Closes the queue and waits for the thread, so that its database connections are closed
    /// when the last handle goes (a SQLite file is then free for whoever opens it next), not a
    /// moment later.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take()
            && thread.thread().id() != std::thread::current().id()
        {
            let _ = thread.join();
        }
    }
}

impl WriteQueue {
    pub(super) fn start(pools: Pools) -> Result<WriteQueue, StorageError> {
        let (jobs, queued) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("praxis-writer".into())
            .spawn(move || {
                while let Ok(first) = queued.recv() {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match queued.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    commit_batch(&pools, batch);
                }
            })
            .map_err(|e| StorageError::Open(format!("cannot start the database writer: {e}")))?;
        Ok(WriteQueue {
            writer: Arc::new(Writer {
                jobs: Some(jobs),
                thread: Some(thread),
            }),
        })
    }

    /// Queues `f`; `reply` receives its result once its transaction is over.
    pub(super) fn submit<T, E, F>(&self, f: F, reply: impl FnOnce(Result<T, E>) + Send + 'static)
    where
        F: FnOnce(&mut DbConn<'_>) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StorageError> + From<diesel::result::Error> + Send + 'static,
    {
        let job: Job = Box::new(move |conn: &mut DbConn<'_>| -> Reply {
            let result = in_savepoint(conn, f);
            Box::new(move |committed: Result<(), String>| match committed {
                Ok(()) => reply(result),
                Err(e) => reply(Err(E::from(StorageError::Task(e)))),
            })
        });
        // The thread lives as long as any handle: sending cannot fail while `self` exists. Were it
        // gone, the job is dropped with its reply, and the caller hears it was not written.
        if let Some(jobs) = &self.writer.jobs {
            let _ = jobs.send(job);
        }
    }
}

fn in_savepoint<T, E>(conn: &mut DbConn<'_>, f: impl FnOnce(&mut DbConn<'_>) -> Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => c.transaction(|c| f(&mut DbConn::Sqlite(c))),
        DbConn::Postgres(c) => c.transaction(|c| f(&mut DbConn::Postgres(c))),
    }
}

/// Runs the jobs in one transaction and tells each caller how it ended.
fn commit_batch(pools: &Pools, jobs: Vec<Job>) {
    let mut replies: Vec<Reply> = Vec::with_capacity(jobs.len());
    let run = |conn: &mut DbConn<'_>, replies: &mut Vec<Reply>| -> Result<(), StorageError> {
        for job in jobs {
            match catch_unwind(AssertUnwindSafe(|| job(conn))) {
                Ok(reply) => replies.push(reply),
                Err(_) => {
                    return Err(StorageError::Task(
                        "a write failed unexpectedly; the writes committed with it were undone".into(),
                    ));
                }
            }
        }
        Ok(())
    };
    let outcome = match pools {
        Pools::Sqlite(pool) => pool
            .get()
            .map_err(StorageError::from)
            .and_then(|mut conn| conn.immediate_transaction(|c| run(&mut DbConn::Sqlite(c), &mut replies))),
        Pools::Postgres(pool) => pool
            .get()
            .map_err(StorageError::from)
            .and_then(|mut conn| conn.transaction(|c| run(&mut DbConn::Postgres(c), &mut replies))),
    };
    if let Err(e) = &outcome {
        tracing::error!(error = %e, writes = replies.len(), "a database transaction failed; none of its writes took effect");
    }
    // Jobs that never ran were dropped with their replies: their callers hear the same.
    let outcome = outcome.map_err(|e| format!("the write was not committed: {e}"));
    for reply in replies {
        reply(outcome.clone());
    }
}
