//! Merkle batches in the style of RFC 6962 / RFC 9162: leaf = H(0x00 ‖ item), node = H(0x01 ‖ left ‖
//! right), an unpaired last node is promoted unchanged. Domain-separated prefixes mean a leaf can never
//! be passed off as an inner node. One `anchor_batch` transaction stores only the root; each item keeps
//! its own [`MerkleProof`].

use crate::hashing::{Digest, HashAlgo};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

const LEAF_PREFIX: [u8; 1] = [0x00];
const NODE_PREFIX: [u8; 1] = [0x01];

/// Hash of a leaf: H(0x00 ‖ item digest).
pub fn leaf_hash(algo: HashAlgo, item: &Digest) -> Digest {
	algo.digest_parts(&[&LEAF_PREFIX, item])
}

/// Hash of an inner node: H(0x01 ‖ left ‖ right).
pub fn node_hash(algo: HashAlgo, left: &Digest, right: &Digest) -> Digest {
	algo.digest_parts(&[&NODE_PREFIX, left, right])
}

/// Inclusion proof of one item: its position, the tree size and the sibling hashes from the leaf up.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct MerkleProof {
	/// Index of the item among the batch's leaves.
	pub leaf_index: u32,
	/// Number of leaves in the batch.
	pub leaf_count: u32,
	/// Sibling hashes, nearest the leaf first.
	#[cfg_attr(feature = "std", serde(with = "hex_digests"))]
	pub path: Vec<Digest>,
}

impl MerkleProof {
	/// The root this proof leads to from `item`, or `None` when the proof's shape is impossible for its
	/// tree size (RFC 9162 §2.1.3.2).
	pub fn root_for(&self, algo: HashAlgo, item: &Digest) -> Option<Digest> {
		if self.leaf_index >= self.leaf_count {
			return None;
		}
		let mut index = self.leaf_index;
		let mut last = self.leaf_count - 1;
		let mut hash = leaf_hash(algo, item);
		for sibling in &self.path {
			if last == 0 {
				return None;
			}
			if index & 1 == 1 || index == last {
				hash = node_hash(algo, sibling, &hash);
				if index & 1 == 0 {
					while index & 1 == 0 && index != 0 {
						index >>= 1;
						last >>= 1;
					}
				}
			} else {
				hash = node_hash(algo, &hash, sibling);
			}
			index >>= 1;
			last >>= 1;
		}
		(last == 0).then_some(hash)
	}

	/// Whether `item` is in the batch whose root is `root`.
	pub fn verify(&self, algo: HashAlgo, item: &Digest, root: &Digest) -> bool {
		self.root_for(algo, item).as_ref() == Some(root)
	}
}

/// A whole tree kept level by level, so every item's proof can be read off after one pass.
pub struct MerkleTree {
	algo: HashAlgo,
	/// `levels[0]` are the leaf hashes, the last level holds the root alone.
	levels: Vec<Vec<Digest>>,
}

impl MerkleTree {
	/// Builds the tree over `items` (their digests, in batch order). `None` for an empty batch.
	pub fn build(algo: HashAlgo, items: &[Digest]) -> Option<Self> {
		if items.is_empty() {
			return None;
		}
		let mut levels = Vec::new();
		levels.push(items.iter().map(|item| leaf_hash(algo, item)).collect::<Vec<_>>());
		while levels.last().is_some_and(|level| level.len() > 1) {
			let below = levels.last().expect("checked above");
			let above = below
				.chunks(2)
				.map(|pair| match pair {
					[left, right] => node_hash(algo, left, right),
					[single] => *single,
					_ => unreachable!("chunks(2) yields one or two"),
				})
				.collect();
			levels.push(above);
		}
		Some(MerkleTree { algo, levels })
	}

	/// The algorithm the tree was built with.
	pub fn algo(&self) -> HashAlgo {
		self.algo
	}

	/// Number of leaves.
	pub fn leaf_count(&self) -> u32 {
		self.levels[0].len() as u32
	}

	/// The root to anchor.
	pub fn root(&self) -> Digest {
		self.levels.last().expect("a built tree has a level")[0]
	}

	/// Inclusion proof of the item at `index`.
	pub fn proof(&self, index: u32) -> Option<MerkleProof> {
		let leaf_count = self.leaf_count();
		if index >= leaf_count {
			return None;
		}
		let mut path = Vec::new();
		let mut position = index as usize;
		for level in &self.levels[..self.levels.len() - 1] {
			let sibling = position ^ 1;
			if sibling < level.len() {
				path.push(level[sibling]);
			}
			position >>= 1;
		}
		Some(MerkleProof { leaf_index: index, leaf_count, path })
	}
}

#[cfg(feature = "std")]
mod hex_digests {
	use super::Digest;
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(path: &[Digest], serializer: S) -> Result<S::Ok, S::Error> {
		serializer.collect_seq(path.iter().map(|digest| crate::rpc::to_hex(digest)))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(
		deserializer: D,
	) -> Result<alloc::vec::Vec<Digest>, D::Error> {
		let strings = alloc::vec::Vec::<alloc::string::String>::deserialize(deserializer)?;
		strings.iter().map(|s| crate::parse_digest_hex(s).map_err(D::Error::custom)).collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn items(n: u32) -> Vec<Digest> {
		(0..n).map(|i| HashAlgo::Sha256.digest(&i.to_le_bytes())).collect()
	}

	/// RFC 6962 §2.1 reference definition: split at the largest power of two below n.
	fn reference_root(algo: HashAlgo, items: &[Digest]) -> Digest {
		if items.len() == 1 {
			return leaf_hash(algo, &items[0]);
		}
		let split = items.len().next_power_of_two() / 2;
		node_hash(algo, &reference_root(algo, &items[..split]), &reference_root(algo, &items[split..]))
	}

	#[test]
	fn root_matches_rfc6962_definition_and_every_proof_verifies() {
		for algo in [HashAlgo::Sha256, HashAlgo::Sm3] {
			for n in 1..=33 {
				let items = items(n);
				let tree = MerkleTree::build(algo, &items).unwrap();
				assert_eq!(tree.root(), reference_root(algo, &items), "n = {n}");
				for (i, item) in items.iter().enumerate() {
					let proof = tree.proof(i as u32).unwrap();
					assert!(proof.verify(algo, item, &tree.root()), "n = {n}, i = {i}");
				}
			}
		}
	}

	#[test]
	fn single_item_root_is_its_leaf_hash() {
		let items = items(1);
		let tree = MerkleTree::build(HashAlgo::Sha256, &items).unwrap();
		assert_eq!(tree.root(), leaf_hash(HashAlgo::Sha256, &items[0]));
		assert!(tree.proof(0).unwrap().path.is_empty());
	}

	#[test]
	fn wrong_item_index_size_or_path_is_rejected() {
		let items = items(11);
		let tree = MerkleTree::build(HashAlgo::Sha256, &items).unwrap();
		let root = tree.root();
		let proof = tree.proof(5).unwrap();
		assert!(!proof.verify(HashAlgo::Sha256, &items[6], &root));
		assert!(!proof.verify(HashAlgo::Sm3, &items[5], &root));
		let mut moved = proof.clone();
		moved.leaf_index = 4;
		assert!(!moved.verify(HashAlgo::Sha256, &items[5], &root));
		let mut resized = proof.clone();
		resized.leaf_count = 64;
		assert!(!resized.verify(HashAlgo::Sha256, &items[5], &root));
		let mut out_of_range = proof.clone();
		out_of_range.leaf_index = 11;
		assert_eq!(out_of_range.root_for(HashAlgo::Sha256, &items[5]), None);
		let mut truncated = proof.clone();
		truncated.path.pop();
		assert!(!truncated.verify(HashAlgo::Sha256, &items[5], &root));
		let mut flipped = proof;
		flipped.path[0][0] ^= 1;
		assert!(!flipped.verify(HashAlgo::Sha256, &items[5], &root));
	}

	#[test]
	fn leaf_cannot_pose_as_node() {
		let items = items(2);
		let tree = MerkleTree::build(HashAlgo::Sha256, &items).unwrap();
		// An inner node's preimage presented as an item must not verify as a one-leaf tree.
		let fake = MerkleProof { leaf_index: 0, leaf_count: 1, path: vec![] };
		assert!(!fake.verify(HashAlgo::Sha256, &tree.root(), &tree.root()));
		assert!(MerkleTree::build(HashAlgo::Sha256, &[]).is_none());
	}
}
