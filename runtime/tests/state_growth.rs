//! How many bytes of state one deposit, one data-IP application and one insurance policy add, measured
//! on the real runtime by summing every key and value before and after the call. Events are cleared
//! first: they live for one block. The figures, printed with `--nocapture`, are in docs/performance.md
//! ("State growth"); each is checked against the most its stored items can encode to.

mod common;

use codec::{Encode, MaxEncodedLen};
use common::{application, development_chain};
use frame_support::{assert_ok, traits::UnfilteredDispatchable};
use iprchain_primitives::{Capture, EvidenceKind, HashAlgo, Subject, MAX_TITLE_LEN, MAX_URL_LEN};
use iprchain_runtime::{AccountId, Runtime, RuntimeCall, RuntimeOrigin, System};
use pallet_data_ip::EvidenceRef;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave};

/// Every key and value in the state, summed: what the database stores, before trie nodes.
fn state_bytes() -> usize {
	let mut total = 0;
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map_or(0, |value| value.len());
		total += next.len() + value;
		key = next;
	}
	total
}

/// The state bytes `call`, signed by `who`, adds (the call must succeed).
fn growth(who: AccountId, call: RuntimeCall) -> usize {
	System::reset_events();
	let before = state_bytes();
	assert_ok!(call.dispatch_bypass_filter(RuntimeOrigin::signed(who)).map(|_| ()).map_err(|e| e.error));
	System::reset_events();
	state_bytes() - before
}

fn deposit(digest: [u8; 32], title_len: usize, capture: bool) -> RuntimeCall {
	RuntimeCall::Evidence(pallet_evidence::Call::deposit {
		digest,
		algo: HashAlgo::Sha256,
		kind: EvidenceKind::Copyright,
		title: vec![b't'; title_len],
		capture: capture.then(|| Capture {
			source_url: vec![b'u'; MAX_URL_LEN as usize],
			captured_at: 1,
			environment_digest: [2; 32],
			files_root: [3; 32],
		}),
		on_behalf_of: None,
	})
}

/// Bytes of a `StorageValue`: two 16-byte prefixes and the value.
fn value_entry(value: usize) -> usize {
	32 + value
}

/// Bytes of a map entry under `Blake2_128Concat`: the prefixes, the hash's 16 bytes, the key, the value.
fn map_entry(key: usize, value: usize) -> usize {
	32 + 16 + key + value
}

#[test]
fn state_bytes_per_deposit_application_and_policy() {
	development_chain().execute_with(|| {
		// A typical deposit (a 40-byte title) and the largest one (longest title, a capture with the
		// longest URL).
		let typical = growth(Alice.into(), deposit([1; 32], 40, false));
		let largest = growth(Alice.into(), deposit([2; 32], MAX_TITLE_LEN as usize, true));
		type Record = iprchain_primitives::EvidenceRecord<AccountId, u32>;
		let record_bound = map_entry(33, Record::max_encoded_len());
		println!("deposit: {typical} bytes typical, {largest} bytes at most (bound {record_bound})");
		assert!(
			typical > 0 && typical < largest && largest <= record_bound,
			"{typical} {largest} {record_bound}"
		);
		// What the same typical deposit adds to the block archive: the signed extrinsic.
		let call = deposit([1; 32], 40, false);
		let call_len = call.encoded_size();
		let signed = iprchain_runtime::UncheckedExtrinsic::new_signed(
			call,
			sp_runtime::MultiAddress::Id(Alice.into()),
			sp_runtime::MultiSignature::Sr25519(sp_core::sr25519::Signature::from_raw([0; 64])),
			iprchain_runtime::tx_extension(1_000, 1_000),
		);
		let in_block = signed.encoded_size();
		println!("deposit extrinsic: {in_block} bytes in a block ({call_len} of them the call)");
		assert!(in_block > call_len + 64 + 32, "{in_block} {call_len}");

		// An application by the holder for itself, citing a contract: the asset, its first history entry
		// and its count.
		let contract = EvidenceRef { algo: HashAlgo::Sha256, digest: [1; 32] };
		let application = application(contract, "3.1 million rows");
		let applied = growth(
			Bob.into(),
			RuntimeCall::DataIp(pallet_data_ip::Call::apply { holder: Bob.into(), application }),
		);
		// The next id, the asset, its history entry (a double map: `Twox64Concat` adds 8 bytes before
		// the entry number) and the history's length.
		let asset_bound = value_entry(8)
			+ map_entry(8, pallet_data_ip::AssetOf::<Runtime>::max_encoded_len())
			+ map_entry(8 + 8 + 4, pallet_data_ip::HistoryEntryOf::<Runtime>::max_encoded_len())
			+ map_entry(8, 4);
		println!("application: {applied} bytes (bound {asset_bound})");
		assert!(applied > 0 && applied <= asset_bound, "{applied} {asset_bound}");

		// A policy over one deposited work: the policy, its number's index and the subject's list.
		let policy = growth(
			Dave.into(),
			RuntimeCall::Insurance(pallet_insurance::Call::bind {
				policy_no: b"PICC-WH-2026-IP01".to_vec(),
				insured: Bob.into(),
				subjects: vec![Subject::Evidence { algo: HashAlgo::Sha256, digest: [1; 32] }],
				coverage_fen: 500_000_000,
				premium_fen: 5_000_000,
				start_ms: 0,
				end_ms: u64::MAX,
			}),
		);
		// The next id, the policy, its number's index and the subject's list of one entry.
		let policy_bound = value_entry(8)
			+ map_entry(8, pallet_insurance::PolicyOf::<Runtime>::max_encoded_len())
			+ map_entry(65, 8)
			+ map_entry(34, 1 + 16);
		println!("policy (one subject): {policy} bytes (bound {policy_bound})");
		assert!(policy > 0 && policy <= policy_bound, "{policy} {policy_bound}");
	});
}
