//! A small cache of finalized blocks' extrinsics and events.
//!
//! A client following thousands of transactions at once would otherwise read the same block (up to
//! a thousand extrinsics and their events) once per transaction in it.

use crate::chain::SystemEvents;
use iprchain_runtime::Hash;
use std::{
	collections::{HashMap, VecDeque},
	sync::{Arc, Mutex},
};
use tokio::sync::OnceCell;

/// Blocks kept: more than are finalized while a transaction waits for finality in a working network.
const CACHED_BLOCKS: usize = 64;

/// What the client needs of a block to report a transaction's outcome.
pub struct BlockFacts {
	/// Block hash.
	pub hash: Hash,
	/// Block number.
	pub number: u32,
	/// Index of each extrinsic, keyed by its `0x` hex encoding.
	index: HashMap<String, u32>,
	/// The block's events.
	pub events: SystemEvents,
}

impl BlockFacts {
	/// Indexes the block's `extrinsics` (`0x` hex, in block order).
	pub fn new(hash: Hash, number: u32, extrinsics: Vec<String>, events: SystemEvents) -> Self {
		let index = extrinsics.into_iter().enumerate().map(|(i, xt)| (xt, i as u32)).collect();
		Self { hash, number, index, events }
	}

	/// Position of the extrinsic `hex` in the block, if it is there.
	pub fn index_of(&self, hex: &str) -> Option<u32> {
		self.index.get(hex).copied()
	}
}

/// One cell per block hash, filled by the first reader; later readers wait for it.
type Cell = Arc<OnceCell<Arc<BlockFacts>>>;

/// Least-recently-inserted cache of [`BlockFacts`].
#[derive(Default)]
pub struct BlockCache {
	inner: Mutex<(HashMap<Hash, Cell>, VecDeque<Hash>)>,
}

impl BlockCache {
	/// The cell for `hash`, created empty if the block is not cached.
	pub fn cell(&self, hash: Hash) -> Cell {
		let mut guard = self.inner.lock().expect("block cache lock");
		let (cells, order) = &mut *guard;
		if let Some(cell) = cells.get(&hash) {
			return cell.clone();
		}
		if order.len() >= CACHED_BLOCKS {
			if let Some(oldest) = order.pop_front() {
				cells.remove(&oldest);
			}
		}
		let cell = Cell::default();
		cells.insert(hash, cell.clone());
		order.push_back(hash);
		cell
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn same_hash_shares_a_cell_and_old_blocks_are_evicted() {
		let cache = BlockCache::default();
		let first = Hash::repeat_byte(1);
		let a = cache.cell(first);
		assert!(Arc::ptr_eq(&a, &cache.cell(first)));
		for i in 0..CACHED_BLOCKS as u64 {
			cache.cell(Hash::from_low_u64_be(1000 + i));
		}
		assert!(!Arc::ptr_eq(&a, &cache.cell(first)), "the oldest block is evicted");
	}

	#[test]
	fn facts_index_extrinsics_by_hex() {
		let facts = BlockFacts::new(Hash::zero(), 7, vec!["0x01".into(), "0x02".into()], Vec::new());
		assert_eq!(facts.index_of("0x02"), Some(1));
		assert_eq!(facts.index_of("0x03"), None);
	}
}
