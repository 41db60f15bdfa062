//! Table layout as docker prints it: display widths, the COMMAND ellipsis, Go-style quoting
//! and docker's fork of Go's `text/tabwriter` (reference 1.2 and 1.3).

use unicode_width::UnicodeWidthChar;

/// Terminal columns `s` occupies, as go-runewidth measures it for docker's tabwriter.
///
/// East-Asian Wide and Fullwidth characters (all Hangul syllables) count 2, control
/// characters and combining marks 0, everything else 1; East-Asian ambiguous characters
/// such as `…` count 2 only when `cjk` is set (a Korean, Japanese or Chinese locale).
/// A character joined to the previous one by a zero-width joiner adds nothing, because
/// go-runewidth measures an emoji sequence by its first character.
pub fn display_width(s: &str, cjk: bool) -> usize {
    // ASCII (most cells): printable characters are 1 column wide, control characters 0.
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    let mut width = 0;
    let mut joined = false;
    for c in s.chars() {
        let w = if joined {
            0
        } else if cjk {
            c.width_cjk().unwrap_or(0)
        } else {
            c.width().unwrap_or(0)
        };
        joined = c == '\u{200D}';
        if !c.is_control() {
            width += w;
        }
    }
    width
}

/// Width docker's `Ellipsis` assigns to one character: East-Asian Wide/Fullwidth 2, all
/// others (control characters and combining marks included) 1.
fn ellipsis_char_width(c: char) -> usize {
    if !c.is_control() && c.width() == Some(2) {
        2
    } else {
        1
    }
}

/// docker's `formatter.Ellipsis`: `s` unchanged if it fits in `max_width` columns, otherwise
/// the longest prefix of at most `max_width - 1` columns followed by `…`.
///
/// Quirks kept from docker: `max_width` 0 gives an empty string, 1 gives the first character
/// alone, and a string whose first character is already too wide is returned unchanged.
pub fn ellipsize(s: &str, max_width: usize) -> String {
    if max_width == 0 {
        return String::new();
    }
    if max_width == 1 {
        return s.chars().next().map(String::from).unwrap_or_default();
    }
    let mut total = 0;
    let mut cut = None;
    for (i, c) in s.char_indices() {
        let before = total;
        total += ellipsis_char_width(c);
        if before < max_width && total >= max_width && cut.is_none() {
            cut = Some(i);
        }
    }
    if total <= max_width {
        return s.to_string();
    }
    match cut {
        // `cut == 0` means not even the first character fits; docker then gives up.
        Some(i) if i > 0 => format!("{}…", &s[..i]),
        _ => s.to_string(),
    }
}

/// Go's `strconv.Quote`: double quotes, `\"` and `\\`, Go escapes for control and other
/// non-printable characters (`\n`, `\x01`, `\u00ad`, `\U000e0001`); printable Unicode such as
/// Hangul is kept as is.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped_char(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Go's `strconv.QuoteRune`: `'a'`, `'\n'`, `'\''`.
pub(crate) fn go_quote_rune(c: char) -> String {
    let mut out = String::from("'");
    push_escaped_char(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_escaped_char(out: &mut String, c: char, quote: char) {
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    if is_go_print(c) {
        out.push(c);
        return;
    }
    match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if u32::from(c) < 0x20 || c == '\u{7f}' => {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        }
        c if u32::from(c) < 0x10000 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
    }
}

/// Ranges (inclusive) that Go's `unicode.IsPrint` rejects above Latin-1: format characters,
/// separators other than the ASCII space, private use areas, noncharacters and the large
/// unassigned areas. Smaller unassigned gaps inside blocks are treated as printable.
const NOT_PRINT: &[(u32, u32)] = &[
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x1680, 0x1680),
    (0x180E, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x2064),
    (0x2066, 0x206F),
    (0x3000, 0x3000),
    (0xE000, 0xF8FF),
    (0xFDD0, 0xFDEF),
    (0xFEFF, 0xFEFF),
    (0xFFF0, 0xFFFB),
    (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0x323B0, 0xE00FF),
    (0xE01F0, 0x10FFFF),
];

/// Go's `strconv.IsPrint` (letters, marks, numbers, punctuation, symbols and U+0020).
pub(crate) fn is_go_print(c: char) -> bool {
    let r = u32::from(c);
    if r < 0x100 {
        return (0x20..0x7F).contains(&r) || ((0xA1..=0xFF).contains(&r) && r != 0xAD);
    }
    // Every plane ends with two noncharacters.
    if r & 0xFFFE == 0xFFFE {
        return false;
    }
    !NOT_PRINT.iter().any(|&(lo, hi)| (lo..=hi).contains(&r))
}

/// Column layout of docker's tabwriter: `minwidth=10, tabwidth=1, padding=3, padchar=' '`.
const MIN_WIDTH: usize = 10;
const PADDING: usize = 3;

struct Cell<'a> {
    text: &'a str,
    width: usize,
}

/// Lays out `text` like docker's tabwriter (Go's `text/tabwriter` measuring display width).
///
/// Cells end with TAB (or vertical tab); lines end with `\n` (or form feed, which also ends
/// every column). A cell ended by a tab is padded with spaces to its column width, which is
/// `max(10, widest cell + 3)` over the column *block*: the run of consecutive lines that all
/// have a tab-terminated cell in that column. The text after a line's last tab is never
/// padded, and text after the final newline is kept without adding one.
pub fn align(text: &str, cjk: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut segment: Vec<Vec<Cell>> = Vec::new();
    let mut line: Vec<Cell> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if !matches!(b, b'\t' | b'\x0b' | b'\n' | b'\x0c') {
            continue;
        }
        let cell = &text[start..i];
        line.push(Cell {
            text: cell,
            width: display_width(cell, cjk),
        });
        start = i + 1;
        if b == b'\n' || b == b'\x0c' {
            segment.push(std::mem::take(&mut line));
            // A form feed ends all columns; Go flushes there.
            if b == b'\x0c' {
                write_segment(&segment, &mut out);
                out.push('\n');
                segment.clear();
            }
        }
    }
    let rest = &text[start..];
    if !rest.is_empty() {
        line.push(Cell {
            text: rest,
            width: display_width(rest, cjk),
        });
    }
    let trailing = !line.is_empty();
    if trailing {
        segment.push(line);
    }
    write_segment(&segment, &mut out);
    if !segment.is_empty() && !trailing {
        out.push('\n');
    }
    out
}

/// Writes the lines of one flush segment, separated (not terminated) by newlines.
fn write_segment(lines: &[Vec<Cell>], out: &mut String) {
    let widths = column_widths(lines);
    for (i, (line, widths)) in lines.iter().zip(&widths).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell.text);
            if let Some(&w) = widths.get(j) {
                out.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.width)));
            }
        }
    }
}

/// Width of every tab-terminated cell, per line. Go finds column blocks recursively; a block
/// of column j is exactly a maximal run of consecutive lines with more than j+1 cells, so one
/// sweep with a stack of open runs gives the same widths without recursion.
fn column_widths(lines: &[Vec<Cell>]) -> Vec<Vec<usize>> {
    let mut widths: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| vec![0; l.len().saturating_sub(1)])
        .collect();
    // Per open column: (first line of the run, widest cell so far).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let close = |widths: &mut Vec<Vec<usize>>, col: usize, run: (usize, usize), end: usize| {
        let width = (run.1 + PADDING).max(MIN_WIDTH);
        for line in widths.iter_mut().take(end).skip(run.0) {
            line[col] = width;
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let columns = line.len().saturating_sub(1);
        while open.len() > columns {
            if let Some(run) = open.pop() {
                close(&mut widths, open.len(), run, i);
            }
        }
        for (j, cell) in line.iter().take(columns).enumerate() {
            match open.get_mut(j) {
                Some(run) => run.1 = run.1.max(cell.width),
                None => open.push((i, cell.width)),
            }
        }
    }
    while let Some(run) = open.pop() {
        close(&mut widths, open.len(), run, lines.len());
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_cases() {
        let cases: &[(&str, bool, usize)] = &[
            ("", false, 0),
            ("abc", false, 3),
            ("안녕하세요", false, 10),
            ("안녕하세요", true, 10),
            ("…", false, 1),
            ("…", true, 2),
            ("\"echo 안녕하세요 도…\"", false, 21),
            ("\"echo 안녕하세요 도…\"", true, 22),
            ("a\u{1}b", false, 2),
            ("e\u{301}", false, 1),
            ("ｱＡ", false, 3),
            ("日本", false, 4),
            ("👨\u{200D}👩\u{200D}👧", false, 2),
        ];
        for &(s, cjk, want) in cases {
            assert_eq!(display_width(s, cjk), want, "{s:?} cjk={cjk}");
        }
    }

    #[test]
    fn ellipsize_cases() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "/docker-entrypoint.sh nginx -g 'daemon off;'",
                20,
                "/docker-entrypoint.…",
            ),
            (
                "docker-entrypoint.sh redis-server",
                20,
                "docker-entrypoint.s…",
            ),
            ("echo 안녕하세요 도커 세계", 20, "echo 안녕하세요 도…"),
            ("/bin/sh", 20, "/bin/sh"),
            ("sleep 1000", 20, "sleep 1000"),
            ("12345678901234567890", 20, "12345678901234567890"),
            ("123456789012345678901", 20, "1234567890123456789…"),
            ("안녕하세요안녕하세요", 20, "안녕하세요안녕하세요"),
            ("안녕하세요안녕하세요a", 20, "안녕하세요안녕하세…"),
            ("abc", 0, ""),
            ("abc", 1, "a"),
            ("", 1, ""),
            ("안녕", 2, "안녕"),
            ("abcdef", 2, "a…"),
            ("my-volume-name-that-is-long", 15, "my-volume-name…"),
            // Observed with the docker 28.2.2 client (`docker ps` COMMAND column).
            ("/안녕하세요/도커 세계 테스트", 20, "/안녕하세요/도커 세…"),
            (
                "/bin/sh -c 'echo \"hi there\"'",
                20,
                "/bin/sh -c 'echo \"h…",
            ),
        ];
        for &(s, max, want) in cases {
            assert_eq!(ellipsize(s, max), want, "{s:?} max={max}");
        }
    }

    #[test]
    fn go_quote_cases() {
        let cases: &[(&str, &str)] = &[
            ("/bin/sh", r#""/bin/sh""#),
            ("echo 안녕하세요 도…", "\"echo 안녕하세요 도…\""),
            ("sh -c 'echo \"hi\"'", r#""sh -c 'echo \"hi\"'""#),
            ("a\\b", r#""a\\b""#),
            ("a\nb\tc\r", r#""a\nb\tc\r""#),
            ("\u{1}\u{7f}\u{7}\u{8}\u{b}\u{c}", r#""\x01\x7f\a\b\v\f""#),
            ("soft\u{ad}hyphen", r#""soft\u00adhyphen""#),
            ("nb\u{a0}sp", r#""nb\u00a0sp""#),
            ("\u{85}", r#""\u0085""#),
            ("é ß ü", "\"é ß ü\""),
            ("\u{200b}\u{feff}\u{3000}", r#""\u200b\ufeff\u3000""#),
            ("\u{E0001}", r#""\U000e0001""#),
            ("\u{F0000}", r#""\U000f0000""#),
            ("😀", "\"😀\""),
            ("/bin/sh -c 'echo \"h…", "\"/bin/sh -c 'echo \\\"h…\""),
            ("", r#""""#),
        ];
        for &(s, want) in cases {
            assert_eq!(go_quote(s), want, "{s:?}");
        }
    }

    #[test]
    fn go_quote_rune_cases() {
        let cases: &[(char, &str)] = &[
            ('a', "'a'"),
            ('\'', r"'\''"),
            ('"', "'\"'"),
            ('\n', r"'\n'"),
        ];
        for &(c, want) in cases {
            assert_eq!(go_quote_rune(c), want);
        }
    }

    /// Reference 1.1: the default `docker ps -a` table.
    #[test]
    fn align_reference_ps_table() {
        let rows = [
            [
                "CONTAINER ID",
                "IMAGE",
                "COMMAND",
                "CREATED",
                "STATUS",
                "PORTS",
                "NAMES",
            ],
            [
                "3f4e8a9b2c1d",
                "nginx",
                "\"/docker-entrypoint.…\"",
                "About a minute ago",
                "Up About a minute",
                "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
                "web",
            ],
            [
                "9a8b7c6d5e4f",
                "alpine",
                "\"/bin/sh\"",
                "3 hours ago",
                "Exited (0) 5 minutes ago",
                "",
                "jolly_wozniak",
            ],
            [
                "1234abcd5678",
                "hello-world",
                "\"echo 안녕하세요 도…\"",
                "6 minutes ago",
                "Created",
                "",
                "my-app",
            ],
            [
                "abcdef012345",
                "eeeeeeeeeeee",
                "\"docker-entrypoint.s…\"",
                "2 hours ago",
                "Up 2 hours (Paused)",
                "6379/tcp",
                "redis1",
            ],
            [
                "fedcba987654",
                "postgres:16",
                "\"docker-entrypoint.s…\"",
                "2 days ago",
                "Restarting (1) 3 seconds ago",
                "0.0.0.0:53->53/udp, 127.0.0.1:5432->5432/tcp, 5433-5434/tcp",
                "db",
            ],
            [
                "0a1b2c3d4e5f",
                "busybox",
                "\"sleep 1000\"",
                "3 weeks ago",
                "Exited (137) 3 weeks ago",
                "",
                "old",
            ],
        ];
        let input: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
        let want = "\
CONTAINER ID   IMAGE          COMMAND                  CREATED              STATUS                         PORTS                                                         NAMES
3f4e8a9b2c1d   nginx          \"/docker-entrypoint.…\"   About a minute ago   Up About a minute              0.0.0.0:8080->80/tcp, [::]:8080->80/tcp                       web
9a8b7c6d5e4f   alpine         \"/bin/sh\"                3 hours ago          Exited (0) 5 minutes ago                                                                     jolly_wozniak
1234abcd5678   hello-world    \"echo 안녕하세요 도…\"    6 minutes ago        Created                                                                                      my-app
abcdef012345   eeeeeeeeeeee   \"docker-entrypoint.s…\"   2 hours ago          Up 2 hours (Paused)            6379/tcp                                                      redis1
fedcba987654   postgres:16    \"docker-entrypoint.s…\"   2 days ago           Restarting (1) 3 seconds ago   0.0.0.0:53->53/udp, 127.0.0.1:5432->5432/tcp, 5433-5434/tcp   db
0a1b2c3d4e5f   busybox        \"sleep 1000\"             3 weeks ago          Exited (137) 3 weeks ago                                                                     old
";
        assert_eq!(align(&input, false), want);
    }

    /// Reference 1.2: the same three columns in a non-CJK and a CJK locale.
    #[test]
    fn align_reference_locales() {
        let input = "CONTAINER ID\tCOMMAND\tNAMES\n\
3f4e8a9b2c1d\t\"/docker-entrypoint.…\"\tweb\n\
1234abcd5678\t\"echo 안녕하세요 도…\"\tmy-app\n\
0a1b2c3d4e5f\t\"sleep 1000\"\told\n";
        let plain = "\
CONTAINER ID   COMMAND                  NAMES
3f4e8a9b2c1d   \"/docker-entrypoint.…\"   web
1234abcd5678   \"echo 안녕하세요 도…\"    my-app
0a1b2c3d4e5f   \"sleep 1000\"             old
";
        let cjk = "\
CONTAINER ID   COMMAND                   NAMES
3f4e8a9b2c1d   \"/docker-entrypoint.…\"   web
1234abcd5678   \"echo 안녕하세요 도…\"    my-app
0a1b2c3d4e5f   \"sleep 1000\"              old
";
        let cases = [(false, plain), (true, cjk)];
        for (is_cjk, want) in cases {
            assert_eq!(align(input, is_cjk), want, "cjk={is_cjk}");
        }
    }

    /// Reference 3: `docker images`.
    #[test]
    fn align_reference_images() {
        let rows = [
            "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE",
            "alpine\tlatest\t9c7a54a9a43c\t2 weeks ago\t8.83MB",
            "alpine\t3.20\t9c7a54a9a43c\t2 weeks ago\t8.83MB",
            "hello-world\tlatest\td2c94e258dcb\t4 months ago\t13.3kB",
            "my-app\tv1\ta1b2c3d4e5f6\t30 seconds ago\t1.23GB",
            "localhost:5000/my-app\tv1\ta1b2c3d4e5f6\t30 seconds ago\t1.23GB",
            "myuser/my-app\tlatest\ta1b2c3d4e5f6\t30 seconds ago\t1.23GB",
            "<none>\t<none>\t0f0f0f0f0f0f\t13 months ago\t999B",
            "<none>\t<none>\t1e1e1e1e1e1e\t2 years ago\t188MB",
            "nginx\t<none>\t2d2d2d2d2d2d\t47 hours ago\t192MB",
        ];
        let input: String = rows.iter().map(|r| format!("{r}\n")).collect();
        let want = "\
REPOSITORY              TAG       IMAGE ID       CREATED          SIZE
alpine                  latest    9c7a54a9a43c   2 weeks ago      8.83MB
alpine                  3.20      9c7a54a9a43c   2 weeks ago      8.83MB
hello-world             latest    d2c94e258dcb   4 months ago     13.3kB
my-app                  v1        a1b2c3d4e5f6   30 seconds ago   1.23GB
localhost:5000/my-app   v1        a1b2c3d4e5f6   30 seconds ago   1.23GB
myuser/my-app           latest    a1b2c3d4e5f6   30 seconds ago   1.23GB
<none>                  <none>    0f0f0f0f0f0f   13 months ago    999B
<none>                  <none>    1e1e1e1e1e1e   2 years ago      188MB
nginx                   <none>    2d2d2d2d2d2d   47 hours ago     192MB
";
        assert_eq!(align(&input, false), want);
    }

    #[test]
    fn align_layout_rules() {
        let cases: &[(&str, &str)] = &[
            // Header-only tables (reference 1.1 and 3).
            (
                "CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n",
                "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n",
            ),
            (
                "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n",
                "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n",
            ),
            // A format ending in a tab pads its last column too (observed with the client).
            ("NAMES\tCONTAINER ID\t\n", "NAMES     CONTAINER ID   \n"),
            ("a\tb\t\nccc\tdddddddddddd\t\n", "a         b              \nccc       dddddddddddd   \n"),
            // No tabs: lines pass through.
            ("x\ny\n", "x\ny\n"),
            ("", ""),
            ("\n", "\n"),
            // Text after the last newline is kept without adding one.
            ("a\tb\nc\td", "a         b\nc         d"),
            ("a\tb", "a         b"),
            // Column blocks: the b column is interrupted by a line with one cell, so it is
            // measured separately from the c column (Go's tabwriter documentation example).
            (
                "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccccccccccc\teee\n",
                "aaaa      bbb       d\naa        b         dd\na         \naa        cccccccccccc   eee\n",
            ),
            // A line without tabs ends every block.
            ("abcdefghijkl\tx\nplain\nab\ty\n", "abcdefghijkl   x\nplain\nab        y\n"),
            // Empty cells are padded like any other.
            ("\t\tz\n", "                    z\n"),
            // Vertical tab ends a cell like a tab; form feed ends a line and all columns.
            ("a\u{b}b\n", "a         b\n"),
            ("abcdefghijkl\tx\u{c}ab\ty\n", "abcdefghijkl   x\nab        y\n"),
            // CJK content is measured in display columns.
            ("이름\t값\n", "이름      값\n"),
        ];
        for &(input, want) in cases {
            assert_eq!(align(input, false), want, "{input:?}");
        }
    }
}
