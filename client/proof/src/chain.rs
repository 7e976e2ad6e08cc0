//! Headers, GRANDPA justifications and authority-set changes, decoded from their SCALE bytes without the
//! runtime's types. The layouts mirror `sp_runtime::generic::Header<u32, BlakeTwo256>`,
//! `sp_consensus_grandpa::GrandpaJustification` and `sp_consensus_grandpa::ConsensusLog`.

use alloc::{collections::BTreeMap, collections::BTreeSet, format, string::String, vec::Vec};
use codec::{Decode, DecodeAll, Encode};
use finality_grandpa::voter_set::VoterSet;
use sp_crypto_hashing::blake2_256;

/// A block hash.
pub type Hash = [u8; 32];
/// An ed25519 GRANDPA authority key.
pub type AuthorityId = [u8; 32];

/// `GRANDPA_ENGINE_ID`.
pub const GRANDPA_ENGINE_ID: [u8; 4] = *b"FRNK";

/// One item of a header's digest (`sp_runtime::generic::DigestItem`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum DigestItem {
	/// Anything else.
	#[codec(index = 0)]
	Other(Vec<u8>),
	/// A consensus engine's message to the light client (GRANDPA set changes live here).
	#[codec(index = 4)]
	Consensus([u8; 4], Vec<u8>),
	/// A seal.
	#[codec(index = 5)]
	Seal([u8; 4], Vec<u8>),
	/// A pre-runtime digest (the Aura slot).
	#[codec(index = 6)]
	PreRuntime([u8; 4], Vec<u8>),
	/// The runtime code or heap pages changed.
	#[codec(index = 8)]
	RuntimeEnvironmentUpdated,
}

/// A block header (`sp_runtime::generic::Header<u32, BlakeTwo256>`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Header {
	/// Parent's hash.
	pub parent_hash: Hash,
	/// Block number.
	#[codec(compact)]
	pub number: u32,
	/// Root of the state trie after this block.
	pub state_root: Hash,
	/// Root of the extrinsics trie.
	pub extrinsics_root: Hash,
	/// Digest items.
	pub digest: Vec<DigestItem>,
}

impl Header {
	/// BLAKE2-256 of the SCALE encoding: the block hash.
	pub fn hash(&self) -> Hash {
		blake2_256(&self.encode())
	}

	/// Decodes a header, refusing trailing or non-canonical bytes.
	pub fn decode_exact(bytes: &[u8]) -> Result<Self, String> {
		let header = Header::decode_all(&mut &bytes[..]).map_err(|e| format!("{e}"))?;
		if header.encode() != bytes {
			return Err("non-canonical encoding".into());
		}
		Ok(header)
	}

	/// The GRANDPA authority-set change this header signals, if any.
	pub fn grandpa_change(&self) -> Result<Option<ScheduledChange>, String> {
		let mut found = None;
		for item in &self.digest {
			let DigestItem::Consensus(engine, data) = item else { continue };
			if *engine != GRANDPA_ENGINE_ID {
				continue;
			}
			let log = ConsensusLog::decode_all(&mut &data[..])
				.map_err(|e| format!("undecodable GRANDPA digest: {e}"))?;
			match log {
				ConsensusLog::ScheduledChange(_) if found.is_some() => {
					return Err("two GRANDPA set changes in one header".into());
				}
				ConsensusLog::ScheduledChange(change) => found = Some(change),
				ConsensusLog::ForcedChange(..) => {
					return Err("forced GRANDPA authority-set changes are not supported".into())
				}
				_ => {}
			}
		}
		Ok(found)
	}
}

/// `sp_consensus_grandpa::ScheduledChange<u32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ScheduledChange {
	/// The next set, with weights.
	pub next_authorities: Vec<(AuthorityId, u64)>,
	/// Blocks after the signalling block at which it is enacted.
	pub delay: u32,
}

/// `sp_consensus_grandpa::ConsensusLog<u32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum ConsensusLog {
	/// A standard change.
	#[codec(index = 1)]
	ScheduledChange(ScheduledChange),
	/// A forced change (after a stall).
	#[codec(index = 2)]
	ForcedChange(u32, ScheduledChange),
	/// An authority was disabled.
	#[codec(index = 3)]
	OnDisabled(u64),
	/// Pause.
	#[codec(index = 4)]
	Pause(u32),
	/// Resume.
	#[codec(index = 5)]
	Resume(u32),
}

/// A signed precommit (`finality_grandpa::SignedPrecommit<Hash, u32, Signature, AuthorityId>`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct SignedPrecommit {
	/// Voted block hash.
	pub target_hash: Hash,
	/// Voted block number.
	pub target_number: u32,
	/// ed25519 signature over [`precommit_payload`].
	pub signature: [u8; 64],
	/// The voter.
	pub id: AuthorityId,
}

/// The commit of a round (`finality_grandpa::Commit`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Commit {
	/// The finalized block's hash.
	pub target_hash: Hash,
	/// Its number.
	pub target_number: u32,
	/// The precommits that finalized it.
	pub precommits: Vec<SignedPrecommit>,
}

/// `sp_consensus_grandpa::GrandpaJustification<Header>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Justification {
	/// The GRANDPA round.
	pub round: u64,
	/// The commit.
	pub commit: Commit,
	/// Headers between the commit target and the precommits' targets.
	pub votes_ancestries: Vec<Header>,
}

/// The message each voter signs: SCALE of `(Message::Precommit(precommit), round, set_id)`, as
/// `sp_consensus_grandpa::localized_payload` builds it (`Message::Precommit` is variant 1).
pub fn precommit_payload(target_hash: &Hash, target_number: u32, round: u64, set_id: u64) -> Vec<u8> {
	(1u8, target_hash, target_number, round, set_id).encode()
}

/// Why a justification does not finalize a block for a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JustificationError {
	/// The bytes are not a justification.
	Decode(String),
	/// The commit is for another block.
	WrongTarget {
		/// Number the commit finalizes.
		number: u32,
		/// Hash the commit finalizes.
		hash: Hash,
	},
	/// A precommit is from a key outside the set.
	NotAnAuthority {
		/// Index of the precommit.
		index: usize,
		/// The key.
		id: AuthorityId,
	},
	/// A precommit's signature is not valid for this round and set id.
	BadSignature {
		/// Index of the precommit.
		index: usize,
		/// The signer.
		id: AuthorityId,
	},
	/// A precommit's target does not descend from the commit target through `votes_ancestries`.
	BadAncestry {
		/// Index of the precommit.
		index: usize,
	},
	/// `votes_ancestries` holds a header no precommit needs, or one twice.
	UnusedAncestry,
	/// Too few distinct authorities signed.
	BelowThreshold {
		/// Distinct valid signers' weight.
		signed: u64,
		/// Weight needed.
		threshold: u64,
		/// Weight of the whole set.
		total: u64,
	},
	/// The authority set is empty.
	EmptySet,
}

impl core::fmt::Display for JustificationError {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		match self {
			JustificationError::Decode(why) => write!(f, "justification does not decode: {why}"),
			JustificationError::WrongTarget { number, hash } => {
				write!(f, "justification finalizes another block (#{number} 0x{})", hex::encode(hash))
			}
			JustificationError::NotAnAuthority { index, id } => write!(
				f,
				"precommit {index} is signed by 0x{}, which is not in the authority set",
				hex::encode(id)
			),
			JustificationError::BadSignature { index, id } => write!(
				f,
				"precommit {index} by 0x{} has an invalid signature for this round and set id",
				hex::encode(id)
			),
			JustificationError::BadAncestry { index } => {
				write!(f, "precommit {index} votes for a block not shown to descend from the finalized block")
			}
			JustificationError::UnusedAncestry => {
				write!(f, "justification carries ancestry headers no precommit needs")
			}
			JustificationError::BelowThreshold { signed, threshold, total } => {
				write!(f, "only {signed} of {total} authorities signed; at least {threshold} are needed")
			}
			JustificationError::EmptySet => write!(f, "the authority set is empty"),
		}
	}
}

/// Who finalized a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finality {
	/// The GRANDPA round.
	pub round: u64,
	/// Distinct authorities with a valid precommit, in the set's order.
	pub signers: Vec<AuthorityId>,
	/// Weight needed.
	pub threshold: u64,
}

/// Checks that `bytes` is a justification by which `authorities` (set `set_id`, weight 1 each)
/// finalized block `(hash, number)`: every precommit is by a member, validly signed over
/// `(Precommit, round, set_id)`, for the block or a descendant shown in `votes_ancestries` (all of
/// which are needed); distinct signers reach `VoterSet::threshold()`.
pub fn verify_justification(
	bytes: &[u8],
	hash: &Hash,
	number: u32,
	set_id: u64,
	authorities: &[AuthorityId],
) -> Result<Finality, JustificationError> {
	let justification =
		Justification::decode_all(&mut &bytes[..]).map_err(|e| JustificationError::Decode(format!("{e}")))?;
	if justification.encode() != bytes {
		return Err(JustificationError::Decode("non-canonical encoding".into()));
	}
	let commit = &justification.commit;
	if commit.target_hash != *hash || commit.target_number != number {
		return Err(JustificationError::WrongTarget {
			number: commit.target_number,
			hash: commit.target_hash,
		});
	}
	let voters =
		VoterSet::new(authorities.iter().map(|id| (*id, 1u64))).ok_or(JustificationError::EmptySet)?;

	let mut ancestry = BTreeMap::new();
	for header in &justification.votes_ancestries {
		if ancestry.insert(header.hash(), header).is_some() {
			return Err(JustificationError::UnusedAncestry);
		}
	}
	let mut visited = BTreeSet::new();
	let mut signed = BTreeSet::new();
	for (index, precommit) in commit.precommits.iter().enumerate() {
		if !voters.contains(&precommit.id) {
			return Err(JustificationError::NotAnAuthority { index, id: precommit.id });
		}
		let payload =
			precommit_payload(&precommit.target_hash, precommit.target_number, justification.round, set_id);
		if !ed25519_verify(&precommit.id, &precommit.signature, &payload) {
			return Err(JustificationError::BadSignature { index, id: precommit.id });
		}
		// Walk from the voted block down to the finalized one.
		let mut current = precommit.target_hash;
		let mut current_number = precommit.target_number;
		while current != *hash {
			let header = ancestry.get(&current).ok_or(JustificationError::BadAncestry { index })?;
			if header.number != current_number || current_number <= number {
				return Err(JustificationError::BadAncestry { index });
			}
			visited.insert(current);
			current = header.parent_hash;
			current_number -= 1;
		}
		if current_number != number {
			return Err(JustificationError::BadAncestry { index });
		}
		signed.insert(precommit.id);
	}
	if visited.len() != ancestry.len() {
		return Err(JustificationError::UnusedAncestry);
	}
	let threshold = voters.threshold().get();
	let total = voters.total_weight().get();
	let weight = signed.len() as u64;
	if weight < threshold {
		return Err(JustificationError::BelowThreshold { signed: weight, threshold, total });
	}
	let signers = authorities.iter().filter(|id| signed.contains(*id)).copied().collect();
	Ok(Finality { round: justification.round, signers, threshold })
}

/// ed25519 verification as `sp_core::ed25519` does it (ed25519-zebra, ZIP-215 rules).
pub fn ed25519_verify(public: &[u8; 32], signature: &[u8; 64], message: &[u8]) -> bool {
	let Ok(key) = ed25519_zebra::VerificationKey::try_from(*public) else { return false };
	key.verify(&ed25519_zebra::Signature::from(*signature), message).is_ok()
}
