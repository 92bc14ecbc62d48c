//! Password hashing with argon2id at the OWASP ASVS parameters
//! (19 MiB of memory, 2 passes, 1 lane).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

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

/// A hash to verify against when the account does not exist, so that a
/// wrong name takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
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
}
