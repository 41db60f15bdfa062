//! Shell pattern matching (`case`, `${X#pat}`): `*`, `?`, `[...]` and `\` escapes.
//!
//! A pattern is text in which a backslash makes the next character ordinary;
//! [`expand_pattern`](super::expand_pattern) builds one from a word, escaping what was quoted.

/// One element of a parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A character that matches itself.
    Char(char),
    /// `?`.
    Any,
    /// `*`.
    Star,
    /// `[...]`: the set, and whether it was negated (`[!...]`, `[^...]`).
    Class(Vec<ClassItem>, bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ClassItem {
    Char(char),
    Range(char, char),
    /// `[:alpha:]` and the other POSIX classes.
    Named(String),
}

fn tokens(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(Token::Char(chars[i + 1]));
                i += 2;
            }
            '*' => {
                // Several stars match what one does.
                if out.last() != Some(&Token::Star) {
                    out.push(Token::Star);
                }
                i += 1;
            }
            '?' => {
                out.push(Token::Any);
                i += 1;
            }
            '[' => match class(&chars, i + 1) {
                Some((token, next)) => {
                    out.push(token);
                    i = next;
                }
                // An unclosed `[` is an ordinary character.
                None => {
                    out.push(Token::Char('['));
                    i += 1;
                }
            },
            c => {
                out.push(Token::Char(c));
                i += 1;
            }
        }
    }
    out
}

/// A bracket expression starting after its `[`; the token and the index after its `]`.
fn class(chars: &[char], mut i: usize) -> Option<(Token, usize)> {
    let negated = matches!(chars.get(i), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(i)?;
        if c == ']' && !first {
            return Some((Token::Class(items, negated), i + 1));
        }
        first = false;
        if c == '[' && chars.get(i + 1) == Some(&':') {
            let rest: String = chars[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                items.push(ClassItem::Named(rest[..end].to_string()));
                i += 2 + rest[..end].chars().count() + 2;
                continue;
            }
        }
        let (c, next) = if c == '\\' {
            (*chars.get(i + 1)?, i + 2)
        } else {
            (c, i + 1)
        };
        if chars.get(next) == Some(&'-') && chars.get(next + 1).is_some_and(|e| *e != ']') {
            let (end, after) = if chars[next + 1] == '\\' {
                (*chars.get(next + 2)?, next + 3)
            } else {
                (chars[next + 1], next + 2)
            };
            items.push(ClassItem::Range(c, end));
            i = after;
        } else {
            items.push(ClassItem::Char(c));
            i = next;
        }
    }
}

fn class_matches(items: &[ClassItem], negated: bool, c: char) -> bool {
    let hit = items.iter().any(|item| match item {
        ClassItem::Char(x) => *x == c,
        ClassItem::Range(a, b) => (*a..=*b).contains(&c),
        ClassItem::Named(name) => match name.as_str() {
            "alpha" => c.is_ascii_alphabetic(),
            "digit" => c.is_ascii_digit(),
            "alnum" => c.is_ascii_alphanumeric(),
            "upper" => c.is_ascii_uppercase(),
            "lower" => c.is_ascii_lowercase(),
            "space" => c.is_ascii_whitespace(),
            "blank" => c == ' ' || c == '\t',
            "punct" => c.is_ascii_punctuation(),
            "xdigit" => c.is_ascii_hexdigit(),
            "cntrl" => c.is_ascii_control(),
            "print" => c.is_ascii_graphic() || c == ' ',
            "graph" => c.is_ascii_graphic(),
            _ => false,
        },
    });
    hit != negated
}

fn token_matches(token: &Token, c: char) -> bool {
    match token {
        Token::Char(x) => *x == c,
        Token::Any => true,
        Token::Class(items, negated) => class_matches(items, *negated, c),
        Token::Star => false,
    }
}

/// Whether the whole of `text` matches `pattern`.
pub fn pattern_matches(pattern: &str, text: &str) -> bool {
    let tokens = tokens(pattern);
    let text: Vec<char> = text.chars().collect();
    matches_tokens(&tokens, &text)
}

/// The classic backtracking over the last `*`: linear in the text for each star position.
fn matches_tokens(tokens: &[Token], text: &[char]) -> bool {
    let (mut t, mut s) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while s < text.len() {
        match tokens.get(t) {
            Some(Token::Star) => {
                star = Some((t, s));
                t += 1;
            }
            Some(token) if token_matches(token, text[s]) => {
                t += 1;
                s += 1;
            }
            _ => match star {
                Some((st, ss)) => {
                    t = st + 1;
                    s = ss + 1;
                    star = Some((st, ss + 1));
                }
                None => return false,
            },
        }
    }
    tokens[t..].iter().all(|tk| *tk == Token::Star)
}

/// `value` without its shortest (or `longest`) prefix (or `suffix`) matching `pattern`;
/// unchanged when none matches. One pass over the value with the set of pattern positions
/// reached (a suffix is a prefix of the reversed value for the reversed pattern), so a long
/// value costs its length times the pattern's, not its square.
pub fn trim_pattern(value: &str, pattern: &str, suffix: bool, longest: bool) -> String {
    let mut tokens = tokens(pattern);
    let mut chars: Vec<char> = value.chars().collect();
    if suffix {
        tokens.reverse();
        chars.reverse();
    }
    let m = tokens.len();
    let close = |set: &mut Vec<bool>| {
        for t in 0..m {
            if set[t] && tokens[t] == Token::Star {
                set[t + 1] = true;
            }
        }
    };
    let mut current = vec![false; m + 1];
    current[0] = true;
    close(&mut current);
    let mut found = current[m].then_some(0);
    if found.is_none() || longest {
        for (i, &c) in chars.iter().enumerate() {
            let mut next = vec![false; m + 1];
            for t in 0..m {
                if !current[t] {
                    continue;
                }
                match &tokens[t] {
                    Token::Star => next[t] = true,
                    token if token_matches(token, c) => next[t + 1] = true,
                    _ => {}
                }
            }
            close(&mut next);
            current = next;
            if current[m] {
                found = Some(i + 1);
                if !longest {
                    break;
                }
            }
            if !current.iter().any(|&b| b) {
                break;
            }
        }
    }
    let Some(len) = found else {
        return value.to_string();
    };
    let mut kept: Vec<char> = chars[len..].to_vec();
    if suffix {
        kept.reverse();
    }
    kept.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_as_in_ash() {
        assert!(pattern_matches("*", ""));
        assert!(pattern_matches("a*", "abc"));
        assert!(pattern_matches("*ll*", "hello"));
        assert!(pattern_matches("a?c", "abc"));
        assert!(!pattern_matches("a?c", "ac"));
        assert!(pattern_matches("[a-c]", "b"));
        assert!(!pattern_matches("[!x]", "x"));
        assert!(pattern_matches("[^a]", "b"));
        assert!(pattern_matches("[]]", "]"));
        assert!(pattern_matches("[[:digit:]]*", "7up"));
        assert!(pattern_matches("a\\*", "a*"));
        assert!(!pattern_matches("a\\*", "ab"));
        assert!(pattern_matches("[ab", "[ab"));
        assert!(!pattern_matches("abc", "abcd"));
    }

    #[test]
    fn trims_shortest_and_longest() {
        let x = "/usr/local/bin/app.tar.gz";
        assert_eq!(trim_pattern(x, "*/", false, true), "app.tar.gz");
        assert_eq!(trim_pattern(x, "/*", true, false), "/usr/local/bin");
        assert_eq!(trim_pattern(x, ".*", true, true), "/usr/local/bin/app");
        assert_eq!(trim_pattern(x, "*.", false, false), "tar.gz");
        assert_eq!(trim_pattern("abc", "x", false, false), "abc");
        assert_eq!(trim_pattern("abcabc", "c", true, false), "abcab");
        assert_eq!(trim_pattern("abcabc", "*", false, false), "abcabc");
        assert_eq!(trim_pattern("abcabc", "*", true, true), "");
        assert_eq!(trim_pattern("abcabc", "b*", true, false), "abca");
        assert_eq!(trim_pattern("a*b", "a\\*", false, false), "b");
        assert_eq!(trim_pattern("x.y.z", "[.]*", true, true), "x");
    }

    #[test]
    fn trimming_a_long_value_is_linear() {
        let long = "0123456789\n".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(trim_pattern(&long, "*a", false, true), long);
        assert_eq!(trim_pattern(&long, "*Q", true, true), long);
        assert_eq!(trim_pattern(&long, "*9", false, true), "\n");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
