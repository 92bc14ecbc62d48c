//! Password hashing with argon2id at the OWASP ASVS parameters
//! (19 MiB of memory, 2 passes, 1 lane).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The shortest password an account may have.
pub const MIN_LENGTH: usize = 10;

fn hasher() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(19 * 1024, 2, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PHC string to store: algorithm, parameters, salt and hash.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|_| argon2::password_hash::Error::Crypto)?;
    let salt = SaltString::encode_b64(&salt_bytes)?;
    let hasher = hasher().map_err(argon2::password_hash::Error::from)?;
    Ok(hasher
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the stored hash; a malformed hash never does.
pub fn verify(stored: &str, password: &str) -> bool {
    let (Ok(parsed), Ok(hasher)) = (PasswordHash::new(stored), hasher()) else {
        return false;
    };
    hasher.verify_password(password.as_bytes(), &parsed).is_ok()
}

/// Verifications that found no free slot in time: the login is answered
/// 503 with the form, never queued without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Bounds how many argon2 verifications run at once (each takes 19 MiB
/// and a core for a while); a request that gets no slot within `wait` is
/// told the server is busy. Hashing from the command line does not pass
/// through it.
#[derive(Debug)]
pub struct Limiter {
    slots: Arc<Semaphore>,
    wait: Duration,
}

impl Limiter {
    pub fn new(slots: usize, wait: Duration) -> Self {
        Limiter {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            wait,
        }
    }

    /// The process-wide limiter of the login: one slot per core, two
    /// seconds of waiting.
    pub fn shared() -> &'static Limiter {
        static SHARED: OnceLock<Limiter> = OnceLock::new();
        SHARED.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            Limiter::new(cores, Duration::from_secs(2))
        })
    }

    /// `verify` on a blocking thread once a slot is free; `stored` None
    /// verifies against the dummy hash (an unknown name).
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, Busy> {
        let slot = actix_web::rt::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        // The slot moves into the blocking task, so it is released when the
        // hashing ends even if the client went away and this future was
        // dropped meanwhile.
        actix_web::web::block(move || {
            let stored = stored.as_deref().unwrap_or_else(|| dummy_hash());
            let matches = verify(stored, &password);
            drop(slot);
            matches
        })
        .await
        .map_err(|_| Busy)
    }
}

impl Limiter {
    /// `hash` on a blocking thread once a slot is free: an admin setting
    /// a password costs what a login does, and shares its bound.
    pub async fn hash(&self, password: String) -> Result<Option<String>, Busy> {
        let slot = actix_web::rt::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        actix_web::web::block(move || {
            let hashed = hash(&password).ok();
            drop(slot);
            hashed
        })
        .await
        .map_err(|_| Busy)
    }
}

/// A hash to verify against when the account does not exist, so that a
/// wrong name takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("not a real password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_asvs_parameters_and_verify() {
        let stored = hash("một mật khẩu dài").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify(&stored, "một mật khẩu dài"));
        assert!(!verify(&stored, "mật khẩu khác"));
        assert!(!verify("not a hash", "x"));
    }

    #[actix_web::test]
    async fn a_verification_without_a_free_slot_is_busy_not_queued() {
        let limiter = Limiter::new(1, Duration::from_millis(50));
        let stored = hash("một mật khẩu dài").unwrap();
        assert_eq!(
            limiter
                .verify(Some(stored.clone()), "một mật khẩu dài".into())
                .await,
            Ok(true)
        );
        let held = limiter.slots.clone().acquire_owned().await.unwrap();
        assert_eq!(
            limiter
                .verify(Some(stored.clone()), "một mật khẩu dài".into())
                .await,
            Err(Busy)
        );
        drop(held);
        assert_eq!(limiter.verify(None, "x".into()).await, Ok(false));
    }
}
