//! Pages of the `ipr_*` lists: what a `limit` may be and where the next page starts.
//!
//! Every list a method returns is read page by page, so one request does bounded work however long
//! the asset's history grew. The maxima are the runtime's own (each pallet's runtime API cuts a
//! larger `limit` to them); the node refuses a larger `limit` outright rather than return fewer
//! entries than asked without saying why.

use jsonrpsee::core::RpcResult;

use super::invalid_params;

/// The `limit` a request asked for, checked against the list's `max`: the default is `max`, and zero
/// or more than `max` is refused with a message naming the bound.
pub(super) fn limit(limit: Option<u32>, max: u32, what: &str) -> RpcResult<u32> {
	match limit {
		None => Ok(max),
		Some(0) => Err(invalid_params(format!("limit must be at least 1 (at most {max} {what} per page)"))),
		Some(limit) if limit > max => Err(invalid_params(format!(
			"limit {limit} is more than the maximum of {max} {what} per page: read further pages from `next`"
		))),
		Some(limit) => Ok(limit),
	}
}

/// Where the page after `returned` items from `start` starts, of a list of `total`: `None` after the
/// last page, and for an empty page (so a client walking pages always stops).
pub(super) fn next(start: u32, returned: usize, total: u32) -> Option<u32> {
	let end = start.saturating_add(u32::try_from(returned).unwrap_or(u32::MAX));
	(returned > 0 && end < total).then_some(end)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_default_limit_is_the_maximum_and_larger_ones_are_refused() {
		assert_eq!(limit(None, 1_000, "entries").unwrap(), 1_000);
		assert_eq!(limit(Some(1), 1_000, "entries").unwrap(), 1);
		assert_eq!(limit(Some(1_000), 1_000, "entries").unwrap(), 1_000);
		let too_many = limit(Some(1_001), 1_000, "entries").unwrap_err();
		assert_eq!(too_many.code(), jsonrpsee::types::ErrorCode::InvalidParams.code());
		assert!(too_many.message().contains("maximum of 1000 entries per page"), "{}", too_many.message());
		let zero = limit(Some(0), 1_000, "entries").unwrap_err();
		assert!(zero.message().contains("at least 1"), "{}", zero.message());
	}

	#[test]
	fn next_walks_to_the_end_and_stops() {
		assert_eq!(next(0, 10, 25), Some(10));
		assert_eq!(next(10, 10, 25), Some(20));
		assert_eq!(next(20, 5, 25), None);
		assert_eq!(next(0, 25, 25), None);
		assert_eq!(next(30, 0, 25), None);
		assert_eq!(next(0, 0, 25), None);
		assert_eq!(next(u32::MAX - 1, 5, u32::MAX), None);
	}

	#[test]
	fn walking_pages_visits_every_index_once() {
		let total = 23u32;
		let (mut start, mut seen) = (Some(0u32), Vec::<u32>::new());
		while let Some(from) = start {
			let page: Vec<u32> = (from..total).take(4).collect();
			seen.extend(&page);
			start = next(from, page.len(), total);
		}
		assert_eq!(seen, (0..total).collect::<Vec<_>>());
	}
}
