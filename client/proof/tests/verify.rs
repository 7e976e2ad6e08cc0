//! The verifier against real proofs exported from one `iprchain-node --dev` chain: a record
//! (`tests/data/sample-record.proof.json`, format version 1) and a batch item
//! (`tests/data/batch-item.proof.json`, version 2), with that chain's trust anchor and the original
//! files. The fixtures are written by `write_proof_fixtures` in `tests/tests/proof_dev.rs`.

use codec::{Decode, Encode};
use iprchain_proof::{
	chain::Justification, verify_bundle, verify_bytes, Hex32, ProofBundle, TrustAnchor, VerifyError,
};

const PROOF: &[u8] = include_bytes!("data/sample-record.proof.json");
const TRUST: &[u8] = include_bytes!("data/dev-trust.json");
const ORIGINAL: &[u8] = include_bytes!("data/sample.txt");
const ITEM_PROOF: &[u8] = include_bytes!("data/batch-item.proof.json");
const ITEM_ORIGINAL: &[u8] = include_bytes!("data/batch-item.txt");

fn trust() -> TrustAnchor {
	serde_json::from_slice(TRUST).expect("trust anchor parses")
}

fn bundle() -> ProofBundle {
	serde_json::from_slice(PROOF).expect("proof parses")
}

fn item_bundle() -> ProofBundle {
	serde_json::from_slice(ITEM_PROOF).expect("item proof parses")
}

#[test]
fn sample_proof_verifies_and_reports() {
	let report = verify_bytes(PROOF, Some(&trust())).expect("the sample verifies");
	assert!(report.anchored);
	assert_eq!(report.algo, "sha256");
	assert!(report.batch_item.is_none());
	let record = report.record.as_ref().expect("a record proof");
	assert_eq!(record.title, "court proof sample");
	assert_eq!(record.kind, "copyright");
	assert_eq!(record.owner, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	assert_eq!(report.set_id, 0);
	assert_eq!(report.set_size, 1);
	assert_eq!(report.threshold, 1);
	// Alice's GRANDPA (ed25519) key.
	assert_eq!(report.finalized_by, vec!["5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu".to_string()]);
	assert!(record.block_number <= report.proof_block_number);
	report.check_original(ORIGINAL).expect("the original file matches");

	let unanchored = verify_bytes(PROOF, None).expect("verifies without a trust anchor too");
	assert!(!unanchored.anchored);
	// The canonical form is what the exporter writes.
	assert_eq!(bundle().to_canonical_bytes(), PROOF);
	assert_eq!(bundle().version, 1, "a record proof stays readable by version-1 verifiers");
}

#[test]
fn batch_item_proof_verifies_and_reports() {
	let report = verify_bytes(ITEM_PROOF, Some(&trust())).expect("the batch item verifies");
	assert!(report.anchored);
	assert!(report.record.is_none());
	let item = report.batch_item.as_ref().expect("a batch-item proof");
	assert_eq!(item.leaf_index, 2);
	assert_eq!(item.anchor.leaf_count, 5);
	assert_eq!(item.anchor.submitter, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	assert!(item.anchor.block_number <= report.proof_block_number);
	report.check_original(ITEM_ORIGINAL).expect("the item's original file matches");
	let error = report.check_original(ORIGINAL).unwrap_err();
	assert!(error.to_string().starts_with("digest mismatch"), "{error}");
	assert_eq!(item_bundle().to_canonical_bytes(), ITEM_PROOF);
	assert_eq!(item_bundle().version, 2);
}

#[test]
fn batch_item_with_a_wrong_path_is_rejected() {
	// Another item's digest under the same path.
	let mut other = item_bundle();
	other.batch_item.as_mut().unwrap().digest = Hex32([0x11; 32]);
	let error = verify_bytes(&other.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::MerklePath(_)), "{error}");
	assert!(error.to_string().contains("not in the anchored batch"), "{error}");

	// Another position, a shorter path, an index outside the batch.
	for change in [
		|item: &mut iprchain_proof::BatchItemProof| item.leaf_index = 3,
		|item: &mut iprchain_proof::BatchItemProof| {
			item.path.pop();
		},
		|item: &mut iprchain_proof::BatchItemProof| item.leaf_index = 5,
	] {
		let mut bundle = item_bundle();
		change(bundle.batch_item.as_mut().unwrap());
		let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&trust())).unwrap_err();
		assert!(matches!(error, VerifyError::MerklePath(_)), "{error}");
	}

	// A root that is not anchored: its storage key is not the stated one, and with the key fixed the
	// proof does not contain it.
	let mut unanchored = item_bundle();
	unanchored.batch_item.as_mut().unwrap().root = Hex32([0x22; 32]);
	let error = verify_bytes(&unanchored.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::Storage(_)), "{error}");
}

#[test]
fn version_and_content_must_agree() {
	// A record proof labelled version 2, a batch-item proof labelled version 1, a future version.
	for (mut bundle, version) in [(bundle(), 2), (item_bundle(), 1), (bundle(), 3)] {
		bundle.version = version;
		let error = verify_bytes(&bundle.to_canonical_bytes(), None).unwrap_err();
		assert!(matches!(error, VerifyError::Format(_)), "{error}");
	}
	// Both a record and a batch item, or neither.
	let mut both = bundle();
	both.batch_item = item_bundle().batch_item;
	both.version = 2;
	assert!(matches!(verify_bytes(&both.to_canonical_bytes(), None), Err(VerifyError::Format(_))));
	let mut neither = bundle();
	neither.record = None;
	assert!(matches!(verify_bytes(&neither.to_canonical_bytes(), None), Err(VerifyError::Format(_))));
	// An explicit `"batchItem": null` is not the canonical form of a record proof.
	let text = String::from_utf8(PROOF.to_vec()).unwrap();
	let with_null = text.replacen("\"record\": {", "\"batchItem\": null,\n  \"record\": {", 1);
	assert!(matches!(verify_bytes(with_null.as_bytes(), None), Err(VerifyError::Format(_))));
}

fn mutations(byte: u8) -> Vec<u8> {
	let mut out = vec![byte ^ 0x01, byte ^ 0x20, b' '];
	// Another hex digit, so the mutation survives JSON and hex parsing and must be caught by a
	// cryptographic or structural check.
	const DIGITS: &[u8] = b"0123456789abcdef";
	if let Some(pos) = DIGITS.iter().position(|d| *d == byte) {
		out.push(DIGITS[(pos + 7) % 16]);
	}
	out.retain(|m| *m != byte);
	out.dedup();
	out
}

/// Every single-byte change (three or four replacement values at every position, and deleting the
/// byte) of the record proof is rejected, both against the trust anchor and without one.
#[test]
fn every_single_byte_mutation_is_rejected() {
	assert_every_mutation_rejected(PROOF);
}

/// The same for the batch-item proof (format version 2).
#[test]
fn every_single_byte_mutation_of_a_batch_item_proof_is_rejected() {
	assert_every_mutation_rejected(ITEM_PROOF);
}

/// Positions to mutate: all of them for files up to 64 KiB (the fixtures are about 5 KB), else a fixed
/// pseudo-random sample of 64 Ki positions, so that a larger future fixture keeps the test bounded.
fn mutation_positions(len: usize) -> Vec<usize> {
	const ALL_UP_TO: usize = 64 * 1024;
	if len <= ALL_UP_TO {
		return (0..len).collect();
	}
	let mut state = 0x9e37_79b9_7f4a_7c15u64;
	let mut positions: Vec<usize> = (0..ALL_UP_TO)
		.map(|_| {
			// xorshift64*: deterministic, so a failure reproduces.
			state ^= state >> 12;
			state ^= state << 25;
			state ^= state >> 27;
			(state.wrapping_mul(0x2545_f491_4f6c_dd1d) % len as u64) as usize
		})
		.collect();
	positions.sort_unstable();
	positions.dedup();
	positions
}

fn assert_every_mutation_rejected(proof: &'static [u8]) {
	let trust = trust();
	let positions = mutation_positions(proof.len());
	let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 4);
	let chunk = positions.len().div_ceil(threads);
	let accepted: Vec<String> = std::thread::scope(|scope| {
		let handles: Vec<_> = positions
			.chunks(chunk)
			.map(|chunk| {
				let trust = &trust;
				scope.spawn(move || {
					let mut accepted = Vec::new();
					let mut file = proof.to_vec();
					for &i in chunk {
						let original = proof[i];
						for replacement in mutations(original) {
							file[i] = replacement;
							let anchored = verify_bytes(&file, Some(trust));
							if anchored.is_ok() {
								accepted.push(format!(
									"byte {i}: {original:#04x} -> {replacement:#04x} (anchored)"
								));
							}
							// Without an anchor, only the value-preserving hex changes can get past parsing,
							// and only a change the anchor caught (a `Genesis` failure) can get further than
							// with the anchor: every other check runs the same either way.
							let hex_digit = original.is_ascii_hexdigit() && replacement.is_ascii_hexdigit();
							let anchor_caught = matches!(anchored, Err(VerifyError::Genesis(_)));
							if hex_digit && anchor_caught && verify_bytes(&file, None).is_ok() {
								accepted.push(format!(
									"byte {i}: {original:#04x} -> {replacement:#04x} (unanchored)"
								));
							}
						}
						file[i] = original;
						let mut deleted = proof.to_vec();
						deleted.remove(i);
						if verify_bytes(&deleted, None).is_ok() {
							accepted.push(format!("byte {i} deleted"));
						}
					}
					accepted
				})
			})
			.collect();
		handles.into_iter().flat_map(|h| h.join().expect("no panic")).collect()
	});
	assert!(accepted.is_empty(), "mutated files were accepted:\n{}", accepted.join("\n"));
}

#[test]
fn non_canonical_whitespace_is_rejected() {
	let mut file = PROOF.to_vec();
	file.push(b'\n');
	assert!(matches!(verify_bytes(&file, None), Err(VerifyError::Format(_))));
	let compact = serde_json::to_vec(&bundle()).unwrap();
	let error = verify_bytes(&compact, None).unwrap_err();
	assert!(error.to_string().contains("canonical"), "{error}");
}

#[test]
fn proof_against_another_genesis_is_rejected() {
	// A trust anchor of another chain.
	let mut other = trust();
	other.genesis_hash = Hex32([0x42; 32]);
	let error = verify_bytes(PROOF, Some(&other)).unwrap_err();
	assert!(matches!(error, VerifyError::Genesis(_)), "{error}");
	assert!(error.to_string().contains("wrong chain"), "{error}");

	// A bundle relabelled with another genesis (and re-serialized canonically) is caught even without
	// an anchor: the proof block's own state records the real genesis hash.
	let mut relabelled = bundle();
	relabelled.genesis_hash = Hex32([0x42; 32]);
	let error = verify_bundle(&relabelled, None).unwrap_err();
	assert!(matches!(error, VerifyError::Genesis(_)), "{error}");
	let error = verify_bytes(&relabelled.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::Genesis(_)), "{error}");
}

#[test]
fn justification_below_threshold_is_rejected() {
	// The same signature, but the trusted set has four validators: one of four is below 3.
	let mut bigger = trust();
	for seed in 1u8..=3 {
		bigger.initial_authorities.authorities.push(Hex32([seed; 32]));
	}
	let mut bundle = bundle();
	bundle.initial_authorities = bigger.initial_authorities.clone();
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&bigger)).unwrap_err();
	assert!(error.to_string().contains("only 1 of 4 authorities signed; at least 3"), "{error}");

	// The justification with its precommit removed.
	let mut bundle = self::bundle();
	let mut justification = Justification::decode(&mut &bundle.finalized.justification.0[..]).unwrap();
	justification.commit.precommits.clear();
	bundle.finalized.justification.0 = justification.encode();
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::Finality(_)), "{error}");
	assert!(error.to_string().contains("only 0 of 1"), "{error}");
}

#[test]
fn justification_signed_for_another_set_id_is_rejected() {
	let mut anchor = trust();
	anchor.initial_authorities.set_id = 1;
	let mut bundle = bundle();
	bundle.initial_authorities.set_id = 1;
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&anchor)).unwrap_err();
	assert!(error.to_string().contains("invalid signature"), "{error}");
}

#[test]
fn wrong_original_file_is_a_digest_mismatch() {
	let report = verify_bytes(PROOF, Some(&trust())).unwrap();
	let error = report.check_original(b"some other file").unwrap_err();
	assert!(error.to_string().starts_with("digest mismatch"), "{error}");
}

#[test]
fn stated_record_must_match_the_proven_one() {
	let mut bundle = bundle();
	bundle.record.as_mut().unwrap().stated.title = "a different title".into();
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::Storage(_)), "{error}");
}

#[test]
fn unused_or_missing_trie_nodes_are_rejected() {
	let mut extra = bundle();
	extra.record.as_mut().unwrap().trie_nodes.push(iprchain_proof::HexBytes(vec![0xff; 40]));
	let error = verify_bytes(&extra.to_canonical_bytes(), None).unwrap_err();
	assert!(error.to_string().contains("not needed"), "{error}");

	let mut missing = bundle();
	missing.record.as_mut().unwrap().trie_nodes.remove(0);
	assert!(matches!(verify_bytes(&missing.to_canonical_bytes(), None), Err(VerifyError::Storage(_))));
}
