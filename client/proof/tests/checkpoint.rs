//! The checkpoint rule with constructed chains: ed25519 keys generated here sign set changes and
//! blocks the way GRANDPA voters do, and a state trie is built here, so each test can play both the
//! honest chain and an attacker holding the keys of validators retired long ago.
//!
//! The honest chain: set 0 (keys K0) until block #5, set 1 (K1) until #10, then set 2 (K2). The
//! council's checkpoint is block #12, with set 2 in force after it.

use codec::{Decode, Encode};
use ed25519_zebra::SigningKey;
use iprchain_primitives::{storage_keys, HashAlgo};
use iprchain_proof::{
	chain::{
		precommit_payload, Commit, ConsensusLog, DigestItem, Header, Justification, ScheduledChange,
		SignedPrecommit, GRANDPA_ENGINE_ID,
	},
	check_newer, check_trust, genesis_block_hash_key, make_checkpoint, summarize, verify_bytes, AuthoritySet,
	Checkpoint, FinalizedHeader, Hex32, HexBytes, ProofBundle, RecordProof, StoredRecord, TrustAnchor,
	VerifyError, FORMAT_NAME, RECORD_VERSION, TRUST_CHECKPOINT_VERSION,
};
use sp_core::{Blake2Hasher, H256};
use sp_trie::{read_trie_value, LayoutV1, MemoryDB, Recorder, TrieDBMutBuilder, TrieMut};

const GENESIS: [u8; 32] = [0x47; 32];
const FIXTURE: &[u8] = include_bytes!("data/sample-record.proof.json");

/// Four voters of one set, from fixed seeds (`first..first + 4`).
struct Keys(Vec<SigningKey>);

impl Keys {
	fn new(first: u8) -> Self {
		Keys((first..first + 4).map(|seed| SigningKey::from([seed; 32])).collect())
	}

	fn ids(&self) -> Vec<[u8; 32]> {
		self.0.iter().map(|key| key.verification_key().into()).collect()
	}

	fn set(&self, set_id: u64) -> AuthoritySet {
		AuthoritySet { set_id, authorities: self.ids().into_iter().map(Hex32).collect() }
	}

	/// A justification of `header` by these keys as set `set_id`: a precommit of each voter, signed
	/// over `(Precommit(hash, number), round, set_id)`, no ancestry needed.
	fn justify(&self, header: &Header, set_id: u64) -> Vec<u8> {
		let (hash, number, round) = (header.hash(), header.number, 7);
		let payload = precommit_payload(&hash, number, round, set_id);
		let precommits = self
			.0
			.iter()
			.map(|key| SignedPrecommit {
				target_hash: hash,
				target_number: number,
				signature: key.sign(&payload).to_bytes(),
				id: key.verification_key().into(),
			})
			.collect();
		Justification {
			round,
			commit: Commit { target_hash: hash, target_number: number, precommits },
			votes_ancestries: vec![],
		}
		.encode()
	}
}

/// The honest chain's sets and an attacker's own keys.
struct World {
	k0: Keys,
	k1: Keys,
	k2: Keys,
	attacker: Keys,
}

fn world() -> World {
	World { k0: Keys::new(1), k1: Keys::new(11), k2: Keys::new(21), attacker: Keys::new(91) }
}

/// A header at `number`; with `next`, it enacts that set (an immediate scheduled change).
fn header(number: u32, state_root: [u8; 32], next: Option<&Keys>) -> Header {
	let digest = next
		.map(|keys| {
			let change = ScheduledChange {
				next_authorities: keys.ids().into_iter().map(|id| (id, 1)).collect(),
				delay: 0,
			};
			vec![DigestItem::Consensus(GRANDPA_ENGINE_ID, ConsensusLog::ScheduledChange(change).encode())]
		})
		.unwrap_or_default();
	Header { parent_hash: [number as u8; 32], number, state_root, extrinsics_root: [0; 32], digest }
}

/// A set change at `number` from `signers` (set `set_id`) to `next`. Headers other than a proof's F
/// all have the same state root, so a checkpoint at a change block and a proof's change at that
/// number are the same block.
fn change(number: u32, signers: &Keys, set_id: u64, next: &Keys) -> FinalizedHeader {
	let header = header(number, [0xcc; 32], Some(next));
	FinalizedHeader {
		justification: HexBytes(signers.justify(&header, set_id)),
		header: HexBytes(header.encode()),
	}
}

/// A record proof at block `number`, finalized by `signers` as set `set_id` after `set_changes`. The
/// state holds the genesis hash and a record titled `title` (the fixture's record, retitled), so a
/// forger can "prove" a deposit that never happened.
fn proof(
	set_changes: Vec<FinalizedHeader>,
	number: u32,
	signers: &Keys,
	set_id: u64,
	title: &str,
) -> Vec<u8> {
	let fixture: ProofBundle = serde_json::from_slice(FIXTURE).unwrap();
	let stated = fixture.record.unwrap();
	let mut record = StoredRecord::decode(&mut &stated.value.0[..]).unwrap();
	record.title = title.as_bytes().to_vec().try_into().unwrap();
	record.block_number = 2;
	let digest = HashAlgo::Sha256.digest(title.as_bytes());
	let key = storage_keys::evidence_record_key(HashAlgo::Sha256, &digest);
	let (state_root, trie_nodes) =
		state(&[(genesis_block_hash_key(), GENESIS.to_vec()), (key.clone(), record.encode())]);
	let f = header(number, state_root, None);
	let bundle = ProofBundle {
		format: FORMAT_NAME.into(),
		version: RECORD_VERSION,
		genesis_hash: Hex32(GENESIS),
		initial_authorities: world().k0.set(0),
		set_changes,
		finalized: FinalizedHeader {
			justification: HexBytes(signers.justify(&f, set_id)),
			header: HexBytes(f.encode()),
		},
		record: Some(RecordProof {
			algo: "sha256".into(),
			digest: Hex32(digest),
			storage_key: HexBytes(key),
			value: HexBytes(record.encode()),
			trie_nodes: trie_nodes.into_iter().map(HexBytes).collect(),
			stated: summarize(&record),
		}),
		batch_item: None,
	};
	bundle.to_canonical_bytes()
}

/// A state trie holding `entries`: its root and the (sorted) nodes that prove all of them.
fn state(entries: &[(Vec<u8>, Vec<u8>)]) -> ([u8; 32], Vec<Vec<u8>>) {
	let mut db = MemoryDB::<Blake2Hasher>::default();
	let mut root = H256::default();
	{
		let mut trie = TrieDBMutBuilder::<LayoutV1<Blake2Hasher>>::new(&mut db, &mut root).build();
		for (key, value) in entries {
			trie.insert(key, value).unwrap();
		}
	}
	let mut recorder = Recorder::<LayoutV1<Blake2Hasher>>::new();
	for (key, _) in entries {
		read_trie_value::<LayoutV1<Blake2Hasher>, _>(&db, &root, key, Some(&mut recorder), None).unwrap();
	}
	let mut nodes: Vec<Vec<u8>> = recorder.drain().into_iter().map(|record| record.data).collect();
	nodes.sort();
	nodes.dedup();
	(root.0, nodes)
}

/// The honest chain's two set changes.
fn honest_changes(w: &World) -> Vec<FinalizedHeader> {
	vec![change(5, &w.k0, 0, &w.k1), change(10, &w.k1, 1, &w.k2)]
}

fn genesis_only() -> TrustAnchor {
	TrustAnchor::genesis(Hex32(GENESIS), world().k0.set(0))
}

/// A trust anchor with the checkpoint at block `number` (finalized by `signers` as set `set_id`,
/// after `set_changes`), built as the exporter builds it.
fn checkpointed(
	set_changes: Vec<FinalizedHeader>,
	number: u32,
	signers: &Keys,
	set_id: u64,
	next: Option<&Keys>,
) -> TrustAnchor {
	let c = header(number, [0xcc; 32], next);
	let finalized = FinalizedHeader {
		justification: HexBytes(signers.justify(&c, set_id)),
		header: HexBytes(c.encode()),
	};
	let checkpoint = make_checkpoint(&world().k0.set(0), set_changes, finalized).expect("a valid checkpoint");
	TrustAnchor { version: Some(TRUST_CHECKPOINT_VERSION), checkpoint: Some(checkpoint), ..genesis_only() }
}

/// The council's checkpoint: block #12, set 2 in force.
fn council() -> TrustAnchor {
	let w = world();
	checkpointed(honest_changes(&w), 12, &w.k2, 2, None)
}

fn refused(proof: &[u8], trust: &TrustAnchor, expected: &str) -> VerifyError {
	let error = verify_bytes(proof, Some(trust)).expect_err("the proof must be refused");
	assert!(matches!(error, VerifyError::Checkpoint(_)), "{error}");
	assert!(error.to_string().contains(expected), "expected `{expected}` in: {error}");
	error
}

#[test]
fn an_honest_proof_verifies_with_and_without_the_checkpoint() {
	let w = world();
	let honest = proof(honest_changes(&w), 20, &w.k2, 2, "licence contract");
	let report = verify_bytes(&honest, Some(&genesis_only())).unwrap();
	assert!(report.checkpoint.is_none());
	let report = verify_bytes(&honest, Some(&council())).unwrap();
	let checkpoint = report.checkpoint.expect("reports the checkpoint");
	assert_eq!((checkpoint.block_number, checkpoint.set_id, checkpoint.set_size), (12, 2, 4));
	assert_eq!(report.set_changes.len(), 2);
	// Finalized by the checkpoint's own set, even before the checkpoint block: accepted.
	let earlier = proof(honest_changes(&w), 11, &w.k2, 2, "licence contract");
	verify_bytes(&earlier, Some(&council())).unwrap();
	// Later honest set changes, after the checkpoint, signed by set 2: accepted.
	let mut later = honest_changes(&w);
	later.push(change(15, &w.k2, 2, &w.k0));
	verify_bytes(&proof(later, 20, &w.k0, 3, "licence contract"), Some(&council())).unwrap();
}

/// THE ATTACK: years later the keys of set 1 (retired at block #10) leak. The attacker signs, as set
/// 1, a change at block #8 to a set of their own, then a block whose state holds a deposit that never
/// happened. A verifier anchored at genesis only accepts it; one holding the checkpoint refuses it.
#[test]
fn a_fork_signed_with_retired_keys_is_accepted_at_genesis_and_refused_with_the_checkpoint() {
	let w = world();
	let forged_changes = vec![change(5, &w.k0, 0, &w.k1), change(8, &w.k1, 1, &w.attacker)];
	let forged = proof(forged_changes, 30, &w.attacker, 2, "a deposit that never happened");

	let fooled = verify_bytes(&forged, Some(&genesis_only())).expect("genesis-only trust is fooled");
	assert!(fooled.anchored);
	assert_eq!(fooled.record.unwrap().title, "a deposit that never happened");

	refused(&forged, &council(), "has other authorities than the checkpoint's");
}

/// The same with the genesis set's keys, staying below the checkpoint's set id.
#[test]
fn a_fork_from_the_genesis_set_is_refused_as_resting_on_a_retired_set() {
	let w = world();
	let forged = proof(vec![change(3, &w.k0, 0, &w.attacker)], 30, &w.attacker, 1, "forged");
	verify_bytes(&forged, Some(&genesis_only())).expect("genesis-only trust is fooled");
	refused(&forged, &council(), "rests on set id 1, which was retired before the checkpoint at block #12");
}

/// A fork below the checkpoint that re-enacts the checkpoint's own set at another block is refused
/// too: the history must reach that set exactly where the checkpointed chain did.
#[test]
fn re_enacting_the_checkpoint_set_at_another_block_is_refused() {
	let w = world();
	let forked = vec![change(5, &w.k0, 0, &w.k1), change(9, &w.k1, 1, &w.k2)];
	refused(&proof(forked, 20, &w.k2, 2, "forged"), &council(), "enacts set id 2 at block #9");
}

/// A genuine proof exported before the checkpoint, finalized by a set retired since: refused, with
/// what to do (it cannot be told from a forgery by that set's keys).
#[test]
fn an_old_proof_of_a_retired_set_must_be_exported_again() {
	let w = world();
	let old = proof(vec![change(5, &w.k0, 0, &w.k1)], 7, &w.k1, 1, "licence contract");
	verify_bytes(&old, Some(&genesis_only())).unwrap();
	refused(&old, &council(), "export the proof again");
}

/// What the checkpoint cannot stop: keys of the checkpoint's own set. A change they sign at or before
/// the checkpoint block contradicts it and is refused; one after it is accepted.
#[test]
fn keys_of_the_checkpoint_set_still_matter_after_the_checkpoint() {
	let w = world();
	let mut below = honest_changes(&w);
	below.push(change(11, &w.k2, 2, &w.attacker));
	refused(&proof(below, 30, &w.attacker, 3, "forged"), &council(), "ends set id 2 at block #11");

	let mut after = honest_changes(&w);
	after.push(change(13, &w.k2, 2, &w.attacker));
	let accepted = verify_bytes(&proof(after, 30, &w.attacker, 3, "forged"), Some(&council()));
	assert!(accepted.is_ok(), "a fork after the checkpoint by its own set's keys is not detectable");
}

/// A checkpoint at the block that enacts a set: it is finalized by the outgoing set, and the set in
/// force after it is the incoming one.
#[test]
fn a_checkpoint_at_a_set_change_block_holds_the_new_set() {
	let w = world();
	let trust = checkpointed(vec![change(5, &w.k0, 0, &w.k1)], 10, &w.k1, 1, Some(&w.k2));
	let checkpoint = trust.checkpoint.as_ref().unwrap();
	assert_eq!(checkpoint.set, w.k2.set(2));
	assert_eq!(checkpoint.set_changes.len(), 1);
	verify_bytes(&proof(honest_changes(&w), 20, &w.k2, 2, "contract"), Some(&trust)).unwrap();
	let forged =
		proof(vec![change(5, &w.k0, 0, &w.k1), change(8, &w.k1, 1, &w.attacker)], 30, &w.attacker, 2, "x");
	refused(&forged, &trust, "other authorities");
}

fn trust_refused(trust: &TrustAnchor, expected: &str) {
	let w = world();
	let honest = proof(honest_changes(&w), 20, &w.k2, 2, "contract");
	let error = verify_bytes(&honest, Some(trust)).expect_err("a bad trust anchor must be refused");
	assert!(matches!(error, VerifyError::Trust(_)), "{error}");
	assert!(error.to_string().contains(expected), "expected `{expected}` in: {error}");
	assert!(check_trust(trust).is_err());
}

fn edit(change: impl FnOnce(&mut Checkpoint)) -> TrustAnchor {
	let mut trust = council();
	change(trust.checkpoint.as_mut().unwrap());
	trust
}

#[test]
fn a_tampered_checkpoint_is_refused() {
	let w = world();
	trust_refused(&edit(|c| c.set.authorities[1] = Hex32([9; 32])), "the checkpoint states set id 2");
	trust_refused(&edit(|c| c.set = w.attacker.set(2)), "the checkpoint states set id 2");
	trust_refused(&edit(|c| c.set.set_id = 3), "the checkpoint states set id 3");
	trust_refused(&edit(|c| c.block_hash = Hex32([1; 32])), "but its header is block #12");
	trust_refused(&edit(|c| c.block_number = 13), "names block #13");
	// Signed by a set that is not the one in force at the block.
	trust_refused(
		&edit(|c| {
			let header = Header::decode(&mut &c.finalized.header.0[..]).unwrap();
			c.finalized.justification = HexBytes(w.k1.justify(&header, 2));
		}),
		"is not finalized by set id 2",
	);
	// The history leading to it cut short.
	trust_refused(&edit(|c| drop(c.set_changes.pop())), "not finalized by set id 1");
	trust_refused(
		&edit(|c| c.set_changes[0].justification.0[0] ^= 1),
		"checkpoint set change 0 is not proven",
	);
	// Another chain's initial set under the same checkpoint.
	let mut other = council();
	other.initial_authorities = w.attacker.set(0);
	trust_refused(&other, "checkpoint set change 0 is not proven");
}

#[test]
fn the_trust_file_version_must_match_its_content() {
	let mut unversioned = council();
	unversioned.version = None;
	trust_refused(&unversioned, "a trust file with a checkpoint is version 2, not 1");
	let mut version_two_without = genesis_only();
	version_two_without.version = Some(2);
	trust_refused(&version_two_without, "carries a checkpoint, and this one has none");
	let mut future = council();
	future.version = Some(3);
	trust_refused(&future, "trust-file version 3 is not supported");
}

/// Files as first written (no version, no checkpoint) still load and are written back byte for byte;
/// a file with a checkpoint round-trips; a reader of the old format refuses it instead of dropping
/// the checkpoint.
#[test]
fn old_trust_files_still_load_and_old_readers_refuse_new_ones() {
	let old = include_bytes!("data/dev-trust.json");
	let anchor: TrustAnchor = serde_json::from_slice(old).unwrap();
	assert_eq!((anchor.version, anchor.checkpoint.is_some()), (None, false));
	assert_eq!(anchor.to_canonical_bytes(), old);
	assert!(check_trust(&anchor).unwrap().is_none());

	let new = council().to_canonical_bytes();
	let text = String::from_utf8(new.clone()).unwrap();
	assert!(text.starts_with("{\n  \"version\": 2,\n  \"genesisHash\""), "{text}");
	let parsed: TrustAnchor = serde_json::from_slice(&new).unwrap();
	assert_eq!(parsed, council());

	#[derive(serde::Deserialize)]
	#[serde(rename_all = "camelCase", deny_unknown_fields)]
	#[allow(dead_code)]
	struct VersionOneReader {
		genesis_hash: Hex32,
		initial_authorities: AuthoritySet,
	}
	let error = serde_json::from_slice::<VersionOneReader>(&new).err().expect("refused");
	assert!(error.to_string().contains("unknown field `version`"), "{error}");
}

/// A checkpoint forged with retired keys passes its own check: a checkpoint is only as good as its
/// publisher, which is why courts take it from the council, not from the party presenting a proof.
#[test]
fn a_checkpoint_forged_with_retired_keys_passes_its_own_check() {
	let w = world();
	let forged_changes = vec![change(5, &w.k0, 0, &w.k1), change(8, &w.k1, 1, &w.attacker)];
	let forged_trust = checkpointed(forged_changes.clone(), 12, &w.attacker, 2, None);
	assert!(check_trust(&forged_trust).is_ok());
	verify_bytes(&proof(forged_changes, 30, &w.attacker, 2, "forged"), Some(&forged_trust)).unwrap();
	// But it does not replace the council's checkpoint in a trust file.
	let error = check_newer(
		&council(),
		&checkpointed(
			vec![change(5, &w.k0, 0, &w.k1), change(8, &w.k1, 1, &w.attacker)],
			20,
			&w.attacker,
			2,
			None,
		),
	)
	.unwrap_err();
	assert!(error.to_string().contains("other authorities"), "{error}");
}

#[test]
fn a_trust_file_keeps_the_newest_checkpoint() {
	let w = world();
	let newer = checkpointed(honest_changes(&w), 18, &w.k2, 2, None);
	check_newer(&council(), &newer).unwrap();
	check_newer(&genesis_only(), &newer).unwrap();
	let error = check_newer(&newer, &council()).unwrap_err();
	assert!(error.to_string().contains("is not newer"), "{error}");
	// A later set, enacted after the old checkpoint by its set: builds on it.
	let mut changes = honest_changes(&w);
	changes.push(change(15, &w.k2, 2, &w.k0));
	check_newer(&council(), &checkpointed(changes, 16, &w.k0, 3, None)).unwrap();
	// Another chain.
	let mut other = newer.clone();
	other.genesis_hash = Hex32([1; 32]);
	assert!(matches!(check_newer(&council(), &other), Err(VerifyError::Genesis(_))));
}
