//! Human-readable durations and sizes exactly as docker's go-units v0.5.0 prints them.
//!
//! Also home of the Go float formatting (`%e`, `%f`, `%g`) those functions and the template
//! engine's `printf` need, because Go's `%g` differs from anything Rust's `format!` offers.

use std::time::Duration;

const NANOS_PER_SECOND: u128 = 1_000_000_000;
const NANOS_PER_MINUTE: u128 = 60 * NANOS_PER_SECOND;
const NANOS_PER_HOUR: u128 = 60 * NANOS_PER_MINUTE;

/// go-units `HumanDuration`: `Less than a second`, `2 minutes`, `About an hour`, `3 weeks`…
///
/// Hours are rounded to the nearest hour before the hour, day, week and month branches are
/// chosen; years use whole hours (reference 2.1).
pub fn human_duration(d: Duration) -> String {
    let nanos = d.as_nanos();
    let seconds = nanos / NANOS_PER_SECOND;
    if seconds < 1 {
        return "Less than a second".to_string();
    }
    if seconds == 1 {
        return "1 second".to_string();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = nanos / NANOS_PER_MINUTE;
    if minutes == 1 {
        return "About a minute".to_string();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    // Go computes int(d.Hours() + 0.5): round half up on the exact nanosecond count.
    let hours = (nanos + NANOS_PER_HOUR / 2) / NANOS_PER_HOUR;
    if hours == 1 {
        return "About an hour".to_string();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    if hours < 24 * 7 * 2 {
        return format!("{} days", hours / 24);
    }
    if hours < 24 * 30 * 2 {
        return format!("{} weeks", hours / 24 / 7);
    }
    if hours < 24 * 365 * 2 {
        return format!("{} months", hours / 24 / 30);
    }
    format!("{} years", nanos / NANOS_PER_HOUR / 24 / 365)
}

const DECIMAL_UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/// go-units `HumanSizeWithPrecision`: decimal units and Go's `%.<precision>g`, so
/// `13256` with precision 3 is `13.3kB` and `999500` is `1e+03kB` (reference 2.2).
pub fn human_size_with_precision(size: f64, precision: usize) -> String {
    let mut size = size;
    let mut unit = 0;
    while size >= 1000.0 && unit < DECIMAL_UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    format!(
        "{}{}",
        go_format_float(size, 'g', Some(precision)),
        DECIMAL_UNITS[unit]
    )
}

/// go-units `HumanSize`: [`human_size_with_precision`] with 4 significant digits.
pub fn human_size(size: f64) -> String {
    human_size_with_precision(size, 4)
}

/// Decimal digits of a finite float, as Go's strconv holds them: `digits` without trailing
/// zeros and the decimal point position `dp` (value = 0.digits × 10^dp). Zero has no digits.
struct Decimal {
    digits: Vec<u8>,
    dp: i32,
}

impl Decimal {
    /// Correctly rounded to `significant` digits, or the shortest round-tripping digits.
    fn new(abs: f64, significant: Option<usize>) -> Decimal {
        if abs == 0.0 {
            return Decimal {
                digits: Vec::new(),
                dp: 0,
            };
        }
        let text = match significant {
            Some(n) => format!("{:.*e}", n.saturating_sub(1), abs),
            None => format!("{abs:e}"),
        };
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
        let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        let exp: i32 = exponent.parse().unwrap_or(0);
        Decimal {
            digits,
            dp: exp + 1,
        }
    }

    fn nd(&self) -> i32 {
        i32::try_from(self.digits.len()).unwrap_or(i32::MAX)
    }

    fn digit(&self, i: i32) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.digits.get(i).copied())
            .unwrap_or(b'0')
    }

    /// Go's `fmtE`: d.ddde±XX with `prec` digits after the point.
    fn fmt_e(&self, prec: usize, upper: bool, out: &mut String) {
        out.push(char::from(self.digit(0)));
        if prec > 0 {
            out.push('.');
            for i in 1..=prec {
                out.push(char::from(self.digit(i32::try_from(i).unwrap_or(i32::MAX))));
            }
        }
        out.push(if upper { 'E' } else { 'e' });
        let exp = if self.digits.is_empty() {
            0
        } else {
            self.dp - 1
        };
        out.push(if exp < 0 { '-' } else { '+' });
        let exp = exp.unsigned_abs();
        if exp < 10 {
            out.push('0');
        }
        out.push_str(&exp.to_string());
    }

    /// Go's `fmtF`: plain digits with `prec` digits after the point.
    fn fmt_f(&self, prec: usize, out: &mut String) {
        if self.dp > 0 {
            for i in 0..self.dp {
                out.push(char::from(self.digit(i)));
            }
        } else {
            out.push('0');
        }
        if prec > 0 {
            out.push('.');
            for i in 1..=prec {
                let j = self.dp + i32::try_from(i).unwrap_or(i32::MAX) - 1;
                out.push(char::from(self.digit(j)));
            }
        }
    }
}

/// Go's `strconv.FormatFloat(f, verb, prec, 64)` for the verbs `e`, `E`, `f`, `F`, `g`, `G`;
/// `None` precision is Go's -1: the shortest digits that round-trip (what `%v` uses).
pub(crate) fn go_format_float(f: f64, verb: char, precision: Option<usize>) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_string();
    }
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let abs = f.abs();
    match verb {
        'e' | 'E' => {
            let dec = Decimal::new(abs, precision.map(|p| p + 1));
            let prec = precision.unwrap_or_else(|| dec.digits.len().saturating_sub(1));
            dec.fmt_e(prec, verb == 'E', &mut out);
        }
        'f' | 'F' => match precision {
            // Rust rounds fixed notation exactly as Go does (half to even on the exact binary
            // value), and its shortest form is the same round-tripping digit string.
            Some(p) => out.push_str(&format!("{abs:.p$}")),
            None => out.push_str(&format!("{abs}")),
        },
        _ => {
            let shortest = precision.is_none();
            let mut prec = match precision {
                Some(0) => 1,
                Some(p) => p,
                None => 0,
            };
            let dec = Decimal::new(abs, precision.map(|_| prec));
            let nd = dec.nd();
            if shortest {
                prec = dec.digits.len();
            }
            let prec_i = i32::try_from(prec).unwrap_or(i32::MAX);
            let mut eprec = prec_i;
            if eprec > nd && nd >= dec.dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dec.dp - 1;
            if exp < -4 || exp >= eprec {
                let p = prec.min(dec.digits.len());
                dec.fmt_e(p.saturating_sub(1), verb == 'G', &mut out);
            } else {
                let p = if prec_i > dec.dp { nd } else { prec_i };
                dec.fmt_f(usize::try_from((p - dec.dp).max(0)).unwrap_or(0), &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_duration_matches_reference_table() {
        let cases: &[(u64, &str)] = &[
            (0, "Less than a second"),
            (1, "1 second"),
            (2, "2 seconds"),
            (59, "59 seconds"),
            (60, "About a minute"),
            (119, "About a minute"),
            (120, "2 minutes"),
            (3599, "59 minutes"),
            (3600, "About an hour"),
            (5399, "About an hour"),
            (5400, "2 hours"),
            (47 * 3600, "47 hours"),
            (2 * 86400, "2 days"),
            (14 * 86400 - 1, "2 weeks"),
            (60 * 86400, "2 months"),
            (400 * 86400, "13 months"),
            (800 * 86400, "2 years"),
            (3 * 7 * 86400, "3 weeks"),
            (2 * 3600, "2 hours"),
            (6 * 60, "6 minutes"),
            (3 * 3600, "3 hours"),
        ];
        for &(secs, want) in cases {
            assert_eq!(human_duration(Duration::from_secs(secs)), want, "{secs}s");
        }
    }

    #[test]
    fn human_duration_sub_second_and_rounding_edges() {
        let cases: &[(Duration, &str)] = &[
            (Duration::from_millis(999), "Less than a second"),
            (Duration::from_millis(1999), "1 second"),
            // 47.5 hours rounds to 48 and becomes days.
            (Duration::from_secs(47 * 3600 + 1800), "2 days"),
            (Duration::from_secs(47 * 3600 + 1799), "47 hours"),
            // Years use whole hours, not rounded ones.
            (Duration::from_secs(730 * 86400), "2 years"),
        ];
        for (d, want) in cases {
            assert_eq!(human_duration(*d), *want, "{d:?}");
        }
    }

    #[test]
    fn human_size_matches_reference_observations() {
        // (bytes, precision 3, precision 4) from reference 2.2.
        let cases: &[(f64, &str, &str)] = &[
            (0.0, "0B", "0B"),
            (999.0, "999B", "999B"),
            (1000.0, "1kB", "1kB"),
            (1001.0, "1kB", "1.001kB"),
            (1500.0, "1.5kB", "1.5kB"),
            (9999.0, "10kB", "9.999kB"),
            (13256.0, "13.3kB", "13.26kB"),
            (999_499.0, "999kB", "999.5kB"),
            (999_500.0, "1e+03kB", "999.5kB"),
            (999_999.0, "1e+03kB", "1000kB"),
            (1_000_000.0, "1MB", "1MB"),
            (1_050_000.0, "1.05MB", "1.05MB"),
            (123_456_789.0, "123MB", "123.5MB"),
            (1_234_567_890.0, "1.23GB", "1.235GB"),
            (5_000_000_000.0, "5GB", "5GB"),
            (187_654_321.0, "188MB", "187.7MB"),
            (8_830_000.0, "8.83MB", "8.83MB"),
            (192_000_000.0, "192MB", "192MB"),
            (1090.0, "1.09kB", "1.09kB"),
            (8_300_000.0, "8.3MB", "8.3MB"),
        ];
        for &(n, p3, p4) in cases {
            assert_eq!(human_size_with_precision(n, 3), p3, "{n} precision 3");
            assert_eq!(human_size(n), p4, "{n} precision 4");
        }
    }

    #[test]
    fn human_size_unusual_inputs() {
        let cases: &[(f64, usize, &str)] = &[
            (-5.0, 3, "-5B"),
            (1e30, 3, "1e+06YB"),
            (1500.0, 0, "2kB"),
            (f64::NAN, 3, "NaNB"),
            (f64::INFINITY, 3, "+InfYB"),
        ];
        for &(n, p, want) in cases {
            assert_eq!(human_size_with_precision(n, p), want, "{n} precision {p}");
        }
    }

    #[test]
    // 3.14159 is the literal typed in the templates checked against docker.
    #[allow(clippy::approx_constant)]
    fn go_float_formatting() {
        let cases: &[(f64, char, Option<usize>, &str)] = &[
            (1.5, 'g', None, "1.5"),
            (1000.0, 'g', None, "1000"),
            (1_000_000.0, 'g', None, "1e+06"),
            (123_456.0, 'g', None, "123456"),
            (0.0001, 'g', None, "0.0001"),
            (0.00001, 'g', None, "1e-05"),
            (0.5, 'g', None, "0.5"),
            (0.0, 'g', None, "0"),
            (-0.0, 'g', None, "-0"),
            (1e21, 'g', None, "1e+21"),
            (1e100, 'g', None, "1e+100"),
            (3.14159, 'f', Some(2), "3.14"),
            (3.14159, 'f', Some(6), "3.141590"),
            (3.14159, 'f', None, "3.14159"),
            (1e20, 'f', None, "100000000000000000000"),
            (1e-7, 'e', None, "1e-07"),
            (1234.5, 'e', None, "1.2345e+03"),
            (2.5, 'f', Some(0), "2"),
            (1234.5678, 'e', Some(6), "1.234568e+03"),
            (1234.5678, 'E', Some(2), "1.23E+03"),
            (0.0, 'e', Some(2), "0.00e+00"),
            (999.5, 'g', Some(3), "1e+03"),
            (13.256, 'g', Some(3), "13.3"),
            (100.0, 'g', Some(3), "100"),
            (1e-7, 'g', Some(3), "1e-07"),
        ];
        for &(f, verb, prec, want) in cases {
            assert_eq!(go_format_float(f, verb, prec), want, "{f} %{verb} {prec:?}");
        }
    }
}
