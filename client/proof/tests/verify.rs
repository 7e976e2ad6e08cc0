//! The verifier against a real proof exported from an `iprchain-node --dev` chain
//! (`tests/data/sample-record.proof.json`, with that chain's trust anchor and the original file).

use codec::{Decode, Encode};
use iprchain_proof::{
	chain::Justification, verify_bundle, verify_bytes, Hex32, ProofBundle, TrustAnchor, VerifyError,
};

const PROOF: &[u8] = include_bytes!("data/sample-record.proof.json");
const TRUST: &[u8] = include_bytes!("data/dev-trust.json");
const ORIGINAL: &[u8] = include_bytes!("data/sample.txt");

fn trust() -> TrustAnchor {
	serde_json::from_slice(TRUST).expect("trust anchor parses")
}

fn bundle() -> ProofBundle {
	serde_json::from_slice(PROOF).expect("proof parses")
}

#[test]
fn sample_proof_verifies_and_reports() {
	let report = verify_bytes(PROOF, Some(&trust())).expect("the sample verifies");
	assert!(report.anchored);
	assert_eq!(report.algo, "sha256");
	assert_eq!(report.record.title, "court proof sample");
	assert_eq!(report.record.kind, "copyright");
	assert_eq!(report.record.owner, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
	assert_eq!(report.set_id, 0);
	assert_eq!(report.set_size, 1);
	assert_eq!(report.threshold, 1);
	// Alice's GRANDPA (ed25519) key.
	assert_eq!(report.finalized_by, vec!["5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu".to_string()]);
	assert!(report.record.block_number <= report.proof_block_number);
	report.check_original(ORIGINAL).expect("the original file matches");

	let unanchored = verify_bytes(PROOF, None).expect("verifies without a trust anchor too");
	assert!(!unanchored.anchored);
	// The canonical form is what the exporter writes.
	assert_eq!(bundle().to_canonical_bytes(), PROOF);
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
/// byte) is rejected, both against the trust anchor and without one.
#[test]
fn every_single_byte_mutation_is_rejected() {
	let trust = trust();
	let positions: Vec<usize> = (0..PROOF.len()).collect();
	let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 4);
	let chunk = positions.len().div_ceil(threads);
	let accepted: Vec<String> = std::thread::scope(|scope| {
		let handles: Vec<_> = positions
			.chunks(chunk)
			.map(|chunk| {
				let trust = &trust;
				scope.spawn(move || {
					let mut accepted = Vec::new();
					let mut file = PROOF.to_vec();
					for &i in chunk {
						let original = PROOF[i];
						for replacement in mutations(original) {
							file[i] = replacement;
							if verify_bytes(&file, Some(trust)).is_ok() {
								accepted.push(format!(
									"byte {i}: {original:#04x} -> {replacement:#04x} (anchored)"
								));
							}
							// Without an anchor, only the value-preserving hex changes can get past parsing.
							let hex_digit = original.is_ascii_hexdigit() && replacement.is_ascii_hexdigit();
							if hex_digit && verify_bytes(&file, None).is_ok() {
								accepted.push(format!(
									"byte {i}: {original:#04x} -> {replacement:#04x} (unanchored)"
								));
							}
						}
						file[i] = original;
						let mut deleted = PROOF.to_vec();
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
	bundle.record.stated.title = "a different title".into();
	let error = verify_bytes(&bundle.to_canonical_bytes(), Some(&trust())).unwrap_err();
	assert!(matches!(error, VerifyError::Storage(_)), "{error}");
}

#[test]
fn unused_or_missing_trie_nodes_are_rejected() {
	let mut extra = bundle();
	extra.record.trie_nodes.push(iprchain_proof::HexBytes(vec![0xff; 40]));
	let error = verify_bytes(&extra.to_canonical_bytes(), None).unwrap_err();
	assert!(error.to_string().contains("not needed"), "{error}");

	let mut missing = bundle();
	missing.record.trie_nodes.remove(0);
	assert!(matches!(verify_bytes(&missing.to_canonical_bytes(), None), Err(VerifyError::Storage(_))));
}
