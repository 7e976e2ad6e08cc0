//! Block timestamps for people: Unix milliseconds as ISO 8601 UTC (the calendar lives in primitives).

pub use iprchain_primitives::time::format_millis_utc;
