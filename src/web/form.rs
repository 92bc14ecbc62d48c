//! The form-body extractor every POST handler uses instead of
//! `web::Form`: the same URL-encoded forms, but a body whose decoded bytes
//! are not valid UTF-8 (a lone surrogate, a stray Latin-1 byte) is refused
//! with 400 instead of being patched with U+FFFD and saved.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::app::FORM_LIMIT;
use super::error::AppError;

/// A URL-encoded form body, decoded strictly.
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<T> Form<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Form<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let urlencoded = req.content_type() == "application/x-www-form-urlencoded";
        let mut payload = payload.take();
        Box::pin(async move {
            if !urlencoded {
                return Err(AppError::BadInput);
            }
            let mut body = Vec::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| AppError::BadInput)?;
                if body.len() + chunk.len() > FORM_LIMIT {
                    return Err(AppError::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            if !decodes_strictly(&body) {
                return Err(AppError::BadInput);
            }
            serde_urlencoded::from_bytes(&body)
                .map(Form)
                .map_err(|_| AppError::BadInput)
        })
    }
}

/// Whether every name and value of the body percent-decodes to UTF-8.
fn decodes_strictly(body: &[u8]) -> bool {
    body.split(|b| *b == b'&')
        .flat_map(|pair| pair.splitn(2, |b| *b == b'='))
        .all(|part| String::from_utf8(percent_decode(part)).is_ok())
}

fn percent_decode(part: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(part.len());
    let mut i = 0;
    while i < part.len() {
        match part[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < part.len() => match (hex(part[i + 1]), hex(part[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bodies_that_decode_to_utf8_pass() {
        assert!(decodes_strictly(b"name=Ph%E1%BA%A1m+V%C4%83n&x="));
        assert!(decodes_strictly(b"a=100%25&b=%zz&c=%"));
        // A stray Latin-1 byte, a lone surrogate (CESU-8), raw invalid bytes.
        assert!(!decodes_strictly(b"name=Ph%E1m"));
        assert!(!decodes_strictly(b"name=%ED%A0%80"));
        assert!(!decodes_strictly(b"n%FF=1"));
        assert!(!decodes_strictly(&[b'a', b'=', 0xC3]));
    }
}
