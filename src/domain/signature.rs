//! The Standard Webhooks signature (SPEC §5):
//! `v1,<base64 of HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")>`.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::config::WebhookSecret;

pub fn sign(secret: &WebhookSecret, id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.key()).expect("HMAC takes keys of any length");
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification, whose published libraries verify it.
    #[test]
    fn matches_the_standard_webhooks_reference_example() {
        let secret =
            WebhookSecret::try_from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".to_string()).unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            sign(&secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }
}
