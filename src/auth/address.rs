//! The client's address, for throttling and the audit log.
//!
//! Behind a reverse proxy every request comes from the proxy, and the
//! client's address is in X-Forwarded-For. That header is whatever the
//! sender wrote, so it is read only when the socket peer is a proxy the
//! operator listed (`THIDUA_TRUSTED_PROXIES`), and then only the entries
//! the trusted proxies themselves appended: the right-most entry that is
//! not a trusted proxy is the client. Anything to its left was written by
//! the client and is ignored.

use std::net::IpAddr;

use actix_web::{HttpRequest, web};

/// The proxies whose X-Forwarded-For is believed: addresses and CIDR
/// ranges, e.g. "127.0.0.1,10.0.0.0/8,::1". Empty (the default): none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma-separated list; blanks are skipped. A malformed
    /// entry is an error, so a typo does not silently trust nothing.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(parse_range)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|&(net, bits)| in_range(ip, net, bits))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn parse_range(entry: &str) -> Result<(IpAddr, u8), String> {
    let bad = || format!("not an IP address or CIDR range: {entry:?}");
    let (ip, bits) = match entry.split_once('/') {
        Some((ip, bits)) => (ip, Some(bits)),
        None => (entry, None),
    };
    let ip: IpAddr = ip.parse().map_err(|_| bad())?;
    let ip = ip.to_canonical();
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let bits = match bits {
        Some(b) => b.parse::<u8>().ok().filter(|&b| b <= max).ok_or_else(bad)?,
        None => max,
    };
    Ok((ip, bits))
}

fn in_range(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// One X-Forwarded-For entry: a bare address, or one with a port
/// ("192.0.2.1:4000", "[2001:db8::1]:4000").
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The client's address: the socket peer, or, when the peer is a trusted
/// proxy, the right-most X-Forwarded-For entry that is not one.
pub fn client_address(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip().to_canonical()) else {
        return "unknown".to_string();
    };
    let trusted = req.app_data::<web::Data<TrustedProxies>>();
    match trusted {
        Some(trusted) if trusted.contains(peer) => forwarded_client(req, peer, trusted),
        _ => peer,
    }
    .to_string()
}

fn forwarded_client(req: &HttpRequest, peer: IpAddr, trusted: &TrustedProxies) -> IpAddr {
    // Several headers count as one list, in order.
    let entries: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut nearest = peer;
    for entry in entries.iter().rev() {
        match parse_entry(entry) {
            Some(ip) if trusted.contains(ip) => nearest = ip,
            Some(ip) => return ip,
            // Garbage where a proxy should have written an address: the
            // chain cannot be followed further; the last trusted hop is
            // the best that is known.
            None => return nearest,
        }
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_match_by_prefix() {
        let t = TrustedProxies::parse(" 127.0.0.1, 10.0.0.0/8 ,::1,2001:db8::/32,").unwrap();
        assert!(t.contains(ip("127.0.0.1")));
        assert!(!t.contains(ip("127.0.0.2")));
        assert!(t.contains(ip("10.200.3.4")));
        assert!(!t.contains(ip("11.0.0.1")));
        assert!(t.contains(ip("::1")));
        assert!(t.contains(ip("::ffff:10.1.1.1")), "IPv4-mapped peers");
        assert!(t.contains(ip("2001:db8:1::5")));
        assert!(!t.contains(ip("2001:db9::5")));
        assert!(
            TrustedProxies::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        for bad in ["10.0.0.0/33", "localhost", "10.0.0.0/", "1.2.3.4/x"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }

    fn address(trusted: &str, peer: &str, forwarded: &[&str]) -> String {
        let mut req = TestRequest::default()
            .peer_addr(peer.parse().unwrap())
            .app_data(web::Data::new(TrustedProxies::parse(trusted).unwrap()));
        for f in forwarded {
            req = req.append_header(("x-forwarded-for", *f));
        }
        client_address(&req.to_http_request())
    }

    #[test]
    fn forwarded_for_is_read_only_from_trusted_peers() {
        let from_proxy = "10.0.0.2:5000";
        assert_eq!(address("", from_proxy, &["198.51.100.7"]), "10.0.0.2");
        assert_eq!(
            address("127.0.0.1", "203.0.113.9:5000", &["198.51.100.7"]),
            "203.0.113.9"
        );
        assert_eq!(
            address("10.0.0.0/8", from_proxy, &["198.51.100.7"]),
            "198.51.100.7"
        );
        // A client-written entry on the left is not believed.
        assert_eq!(
            address(
                "10.0.0.0/8",
                from_proxy,
                &["1.1.1.1, 198.51.100.7, 10.0.0.9"]
            ),
            "198.51.100.7"
        );
        assert_eq!(
            address("10.0.0.0/8", from_proxy, &["1.1.1.1", "198.51.100.7:443"]),
            "198.51.100.7"
        );
        assert_eq!(
            address("10.0.0.0/8", from_proxy, &["not-an-address"]),
            "10.0.0.2"
        );
        assert_eq!(address("10.0.0.0/8", from_proxy, &[]), "10.0.0.2");
        assert_eq!(
            address("10.0.0.0/8", from_proxy, &["10.0.0.7"]),
            "10.0.0.7",
            "all hops trusted: the farthest"
        );
    }
}
