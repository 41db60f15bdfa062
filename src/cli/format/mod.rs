//! Text formats docker prints: human durations and sizes, tab-aligned tables, Go templates.

pub mod humanize;
pub mod table;
pub mod template;
