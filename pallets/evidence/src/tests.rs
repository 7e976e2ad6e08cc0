//! Tests of `pallet-evidence`.

use crate::{mock::*, Batches, Call, Error, Event, Records};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use iprchain_primitives::{
	storage_keys::{batch_anchor_key, evidence_record_key},
	BatchAnchor, Capture, Digest, EvidenceKind, EvidenceRecord, HashAlgo, MAX_TITLE_LEN, MAX_URL_LEN,
};
use sp_runtime::DispatchError;

const FILE: &[u8] = b"the manuscript of a novel";

fn sha(data: &[u8]) -> Digest {
	HashAlgo::Sha256.digest(data)
}

fn capture(url_len: usize) -> Capture<Vec<u8>> {
	Capture {
		source_url: vec![b'a'; url_len],
		captured_at: GENESIS_NOW - 60_000,
		environment_digest: sha(b"browser log"),
		files_root: sha(b"captured files"),
	}
}

/// A deposit by `who` for itself, without capture.
fn deposit_own(who: u64, algo: HashAlgo, digest: Digest, title: &[u8]) -> sp_runtime::DispatchResult {
	Evidence::deposit(
		RuntimeOrigin::signed(who),
		digest,
		algo,
		EvidenceKind::Copyright,
		title.to_vec(),
		None,
		None,
	)
}

#[test]
fn deposit_without_capture_records_signer_as_owner() {
	new_test_ext().execute_with(|| {
		let digest = sha(FILE);
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, digest, "小说手稿".as_bytes()));

		assert_eq!(
			Evidence::evidence(HashAlgo::Sha256, digest),
			Some(EvidenceRecord {
				kind: EvidenceKind::Copyright,
				title: "小说手稿".as_bytes().to_vec().try_into().unwrap(),
				capture: None,
				submitter: HOLDER,
				owner: HOLDER,
				block_number: 1,
				deposited_at: GENESIS_NOW,
			})
		);
		System::assert_last_event(
			Event::Deposited {
				algo: HashAlgo::Sha256,
				digest,
				kind: EvidenceKind::Copyright,
				submitter: HOLDER,
				owner: HOLDER,
			}
			.into(),
		);
	});
}

#[test]
fn deposit_with_capture_stores_capture() {
	new_test_ext().execute_with(|| {
		let digest = sha(b"screenshot bundle");
		let captured = capture(40);
		assert_ok!(Evidence::deposit(
			RuntimeOrigin::signed(STATION),
			digest,
			HashAlgo::Sha256,
			EvidenceKind::Infringement,
			b"pirated copy".to_vec(),
			Some(captured.clone()),
			None,
		));

		let record = Evidence::evidence(HashAlgo::Sha256, digest).unwrap();
		let stored = record.capture.expect("capture kept");
		assert_eq!(stored.source_url.to_vec(), captured.source_url);
		assert_eq!(stored.captured_at, captured.captured_at);
		assert_eq!(stored.environment_digest, captured.environment_digest);
		assert_eq!(stored.files_root, captured.files_root);
		assert_eq!(record.kind, EvidenceKind::Infringement);
		assert_eq!((record.submitter, record.owner), (STATION, STATION));
	});
}

#[test]
fn workstation_deposits_on_behalf_of_holder() {
	new_test_ext().execute_with(|| {
		let digest = sha(FILE);
		assert_ok!(Evidence::deposit(
			RuntimeOrigin::signed(STATION),
			digest,
			HashAlgo::Sm3,
			EvidenceKind::Trademark,
			b"logo".to_vec(),
			Some(capture(10)),
			Some(HOLDER),
		));

		let record = Evidence::evidence(HashAlgo::Sm3, digest).unwrap();
		assert_eq!((record.submitter, record.owner), (STATION, HOLDER));
		System::assert_last_event(
			Event::Deposited {
				algo: HashAlgo::Sm3,
				digest,
				kind: EvidenceKind::Trademark,
				submitter: STATION,
				owner: HOLDER,
			}
			.into(),
		);
	});
}

#[test]
fn on_behalf_of_oneself_needs_no_role() {
	new_test_ext().execute_with(|| {
		// The bank is neither a workstation nor a holder, but naming oneself is an ordinary deposit.
		let digest = sha(b"loan contract");
		assert_ok!(Evidence::deposit(
			RuntimeOrigin::signed(BANK),
			digest,
			HashAlgo::Sha256,
			EvidenceKind::Contract,
			vec![],
			None,
			Some(BANK),
		));
		let record = Evidence::evidence(HashAlgo::Sha256, digest).unwrap();
		assert_eq!((record.submitter, record.owner), (BANK, BANK));
	});
}

#[test]
fn algorithms_key_separate_records() {
	new_test_ext().execute_with(|| {
		// The same 32 bytes under each algorithm, and the same file hashed with each.
		let bytes = [7u8; 32];
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, bytes, b"as sha256"));
		assert_ok!(deposit_own(STATION, HashAlgo::Sm3, bytes, b"as sm3"));
		let sha_record = Evidence::evidence(HashAlgo::Sha256, bytes).unwrap();
		let sm3_record = Evidence::evidence(HashAlgo::Sm3, bytes).unwrap();
		assert_eq!((sha_record.submitter, &sha_record.title[..]), (HOLDER, &b"as sha256"[..]));
		assert_eq!((sm3_record.submitter, &sm3_record.title[..]), (STATION, &b"as sm3"[..]));

		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, HashAlgo::Sha256.digest(FILE), b"f"));
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sm3, HashAlgo::Sm3.digest(FILE), b"f"));
		assert_eq!(Records::<Test>::iter().count(), 4);
	});
}

#[test]
fn block_number_and_timestamp_of_inclusion_are_recorded() {
	new_test_ext().execute_with(|| {
		System::set_block_number(42);
		Timestamp::set_timestamp(GENESIS_NOW + 246_000);
		let digest = sha(FILE);
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, digest, b""));
		assert_ok!(Evidence::anchor_batch(RuntimeOrigin::signed(STATION), digest, 3, HashAlgo::Sha256));

		let record = Evidence::evidence(HashAlgo::Sha256, digest).unwrap();
		assert_eq!((record.block_number, record.deposited_at), (42, GENESIS_NOW + 246_000));
		let batch = Evidence::batch(HashAlgo::Sha256, digest).unwrap();
		assert_eq!((batch.block_number, batch.anchored_at), (42, GENESIS_NOW + 246_000));
	});
}

#[test]
fn title_up_to_the_limit_is_accepted_and_longer_refused() {
	new_test_ext().execute_with(|| {
		let at_limit = vec![b't'; MAX_TITLE_LEN as usize];
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, sha(b"a"), &at_limit));
		assert_eq!(Evidence::evidence(HashAlgo::Sha256, sha(b"a")).unwrap().title.to_vec(), at_limit);

		let over = vec![b't'; MAX_TITLE_LEN as usize + 1];
		assert_noop!(deposit_own(HOLDER, HashAlgo::Sha256, sha(b"b"), &over), Error::<Test>::TooLong);
	});
}

#[test]
fn capture_url_up_to_the_limit_is_accepted_and_longer_refused() {
	new_test_ext().execute_with(|| {
		let deposit = |digest, url_len| {
			Evidence::deposit(
				RuntimeOrigin::signed(STATION),
				digest,
				HashAlgo::Sha256,
				EvidenceKind::Infringement,
				b"capture".to_vec(),
				Some(capture(url_len)),
				Some(HOLDER),
			)
		};
		assert_ok!(deposit(sha(b"a"), MAX_URL_LEN as usize));
		let stored = Evidence::evidence(HashAlgo::Sha256, sha(b"a")).unwrap().capture.unwrap();
		assert_eq!(stored.source_url.len(), MAX_URL_LEN as usize);

		assert_noop!(deposit(sha(b"b"), MAX_URL_LEN as usize + 1), Error::<Test>::TooLong);
	});
}

#[test]
fn first_deposit_wins() {
	new_test_ext().execute_with(|| {
		let digest = sha(FILE);
		assert_ok!(deposit_own(HOLDER, HashAlgo::Sha256, digest, b"original"));
		let original = Evidence::evidence(HashAlgo::Sha256, digest).unwrap();

		System::set_block_number(2);
		assert_noop!(
			deposit_own(STATION, HashAlgo::Sha256, digest, b"latecomer"),
			Error::<Test>::AlreadyDeposited
		);
		assert_noop!(
			Evidence::deposit(
				RuntimeOrigin::signed(STATION),
				digest,
				HashAlgo::Sha256,
				EvidenceKind::Patent,
				b"latecomer".to_vec(),
				None,
				Some(HOLDER),
			),
			Error::<Test>::AlreadyDeposited
		);

		let kept = Evidence::evidence(HashAlgo::Sha256, digest).unwrap();
		assert_eq!(kept, original);
		assert_eq!((kept.submitter, &kept.title[..], kept.block_number), (HOLDER, &b"original"[..], 1));
	});
}

#[test]
fn only_workstations_deposit_for_others() {
	new_test_ext().execute_with(|| {
		for signer in [BANK, HOLDER] {
			assert_noop!(
				Evidence::deposit(
					RuntimeOrigin::signed(signer),
					sha(FILE),
					HashAlgo::Sha256,
					EvidenceKind::Copyright,
					vec![],
					None,
					Some(if signer == HOLDER { BANK } else { HOLDER }),
				),
				Error::<Test>::NotAWorkstation
			);
		}
	});
}

#[test]
fn deposits_for_others_need_a_holder_owner() {
	new_test_ext().execute_with(|| {
		const NOBODY: u64 = 99;
		for owner in [BANK, NOBODY] {
			assert_noop!(
				Evidence::deposit(
					RuntimeOrigin::signed(STATION),
					sha(FILE),
					HashAlgo::Sha256,
					EvidenceKind::Copyright,
					vec![],
					None,
					Some(owner),
				),
				Error::<Test>::OwnerNotAHolder
			);
		}
	});
}

#[test]
fn anchor_batch_stores_anchor_and_emits_event() {
	new_test_ext().execute_with(|| {
		let root = sha(b"root of 1000 items");
		assert_ok!(Evidence::anchor_batch(RuntimeOrigin::signed(STATION), root, 1000, HashAlgo::Sm3));

		assert_eq!(
			Evidence::batch(HashAlgo::Sm3, root),
			Some(BatchAnchor {
				leaf_count: 1000,
				submitter: STATION,
				block_number: 1,
				anchored_at: GENESIS_NOW
			})
		);
		assert_eq!(Evidence::batch(HashAlgo::Sha256, root), None);
		assert_eq!(Evidence::evidence(HashAlgo::Sm3, root), None, "a root is not a deposit");
		System::assert_last_event(
			Event::BatchAnchored { algo: HashAlgo::Sm3, root, leaf_count: 1000, submitter: STATION }.into(),
		);

		// The same root under the other algorithm is a different batch.
		assert_ok!(Evidence::anchor_batch(RuntimeOrigin::signed(HOLDER), root, 1, HashAlgo::Sha256));
	});
}

#[test]
fn empty_batch_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Evidence::anchor_batch(RuntimeOrigin::signed(STATION), sha(b"r"), 0, HashAlgo::Sha256),
			Error::<Test>::EmptyBatch
		);
	});
}

#[test]
fn root_is_anchored_once() {
	new_test_ext().execute_with(|| {
		let root = sha(b"r");
		assert_ok!(Evidence::anchor_batch(RuntimeOrigin::signed(STATION), root, 5, HashAlgo::Sha256));
		assert_noop!(
			Evidence::anchor_batch(RuntimeOrigin::signed(HOLDER), root, 6, HashAlgo::Sha256),
			Error::<Test>::AlreadyAnchored
		);
		let kept = Evidence::batch(HashAlgo::Sha256, root).unwrap();
		assert_eq!((kept.leaf_count, kept.submitter), (5, STATION));
	});
}

#[test]
fn unsigned_and_root_origins_are_refused() {
	new_test_ext().execute_with(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Evidence::deposit(
					origin.clone(),
					sha(FILE),
					HashAlgo::Sha256,
					EvidenceKind::Copyright,
					vec![],
					None,
					None,
				),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Evidence::anchor_batch(origin, sha(FILE), 1, HashAlgo::Sha256),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn unknown_keys_read_as_none() {
	new_test_ext().execute_with(|| {
		assert_eq!(Evidence::evidence(HashAlgo::Sha256, [0; 32]), None);
		assert_eq!(Evidence::batch(HashAlgo::Sm3, [0; 32]), None);
	});
}

#[test]
fn deposit_weight_grows_with_lengths_up_to_the_limits() {
	let weight = |title_len: usize, url_len: Option<usize>| {
		Call::<Test>::deposit {
			digest: [0; 32],
			algo: HashAlgo::Sha256,
			kind: EvidenceKind::Other,
			title: vec![0; title_len],
			capture: url_len.map(capture),
			on_behalf_of: None,
		}
		.get_dispatch_info()
		.call_weight
	};
	assert!(
		weight(0, None).ref_time() < weight(MAX_TITLE_LEN as usize, Some(MAX_URL_LEN as usize)).ref_time()
	);
	// Overlong inputs fail at the length check, so they are charged as if at the limit.
	assert_eq!(weight(10_000, Some(10_000)), weight(MAX_TITLE_LEN as usize, Some(MAX_URL_LEN as usize)));
}

#[test]
fn storage_keys_match_primitives() {
	for algo in [HashAlgo::Sha256, HashAlgo::Sm3] {
		for digest in [[0u8; 32], [0xff; 32], sha(FILE)] {
			assert_eq!(Records::<Test>::hashed_key_for((algo, digest)), evidence_record_key(algo, &digest));
			assert_eq!(Batches::<Test>::hashed_key_for((algo, digest)), batch_anchor_key(algo, &digest));
		}
	}
}

mod infringement {
	use super::*;
	use crate::InfringementLinks;
	use iprchain_primitives::{EvidenceInspect, Subject};

	const ASSET: u64 = 7;

	/// Deposits `text` by `who` with `kind`; returns its digest.
	fn deposit(who: u64, text: &[u8], kind: EvidenceKind) -> Digest {
		let digest = sha(text);
		assert_ok!(Evidence::deposit(
			RuntimeOrigin::signed(who),
			digest,
			HashAlgo::Sha256,
			kind,
			text.to_vec(),
			Some(capture(20)),
			None
		));
		digest
	}

	fn link(who: u64, digest: Digest, subject: Subject) -> sp_runtime::DispatchResult {
		Evidence::link_infringement(RuntimeOrigin::signed(who), HashAlgo::Sha256, digest, subject)
	}

	fn work(digest: Digest) -> Subject {
		Subject::Evidence { algo: HashAlgo::Sha256, digest }
	}

	#[test]
	fn workstation_links_a_capture_to_a_registered_asset() {
		new_test_ext().execute_with(|| {
			register_asset(ASSET, HOLDER);
			let copy = deposit(STATION, b"pirated copy", EvidenceKind::Infringement);
			assert!(!<Evidence as EvidenceInspect>::is_infringement_of(
				HashAlgo::Sha256,
				copy,
				&Subject::Asset(ASSET)
			));
			assert_ok!(link(STATION, copy, Subject::Asset(ASSET)));
			assert_eq!(
				InfringementLinks::<Test>::get((HashAlgo::Sha256, copy), Subject::Asset(ASSET)),
				Some((STATION, 1))
			);
			System::assert_last_event(
				Event::InfringementLinked {
					algo: HashAlgo::Sha256,
					digest: copy,
					subject: Subject::Asset(ASSET),
					by: STATION,
				}
				.into(),
			);
			assert!(<Evidence as EvidenceInspect>::is_infringement_of(
				HashAlgo::Sha256,
				copy,
				&Subject::Asset(ASSET)
			));
			// The link names this subject only.
			assert!(!<Evidence as EvidenceInspect>::is_infringement_of(
				HashAlgo::Sha256,
				copy,
				&Subject::Asset(8)
			));
			assert!(!<Evidence as EvidenceInspect>::is_infringement_of(
				HashAlgo::Sm3,
				copy,
				&Subject::Asset(ASSET)
			));
		});
	}

	#[test]
	fn the_right_holder_links_to_its_own_work() {
		new_test_ext().execute_with(|| {
			let artwork = deposit(HOLDER, b"calligraphy artwork", EvidenceKind::Trademark);
			let copy = deposit(STATION, b"copy on a web shop", EvidenceKind::Infringement);
			assert_ok!(link(HOLDER, copy, work(artwork)));
			assert!(<Evidence as EvidenceInspect>::is_infringement_of(
				HashAlgo::Sha256,
				copy,
				&work(artwork)
			));
		});
	}

	#[test]
	fn refusals_change_nothing() {
		new_test_ext().execute_with(|| {
			register_asset(ASSET, HOLDER);
			let artwork = deposit(HOLDER, b"calligraphy artwork", EvidenceKind::Trademark);
			let copy = deposit(STATION, b"copy on a web shop", EvidenceKind::Infringement);
			assert_noop!(
				link(STATION, sha(b"never deposited"), Subject::Asset(ASSET)),
				Error::<Test>::UnknownEvidence
			);
			assert_noop!(
				link(STATION, artwork, Subject::Asset(ASSET)),
				Error::<Test>::NotInfringementEvidence
			);
			assert_noop!(link(STATION, copy, Subject::Asset(99)), Error::<Test>::SubjectNotRegistered);
			assert_noop!(link(STATION, copy, work(sha(b"no such work"))), Error::<Test>::SubjectNotDeposited);
			assert_noop!(link(STATION, copy, work(copy)), Error::<Test>::SelfLink);
			// A bank is neither a workstation nor the right holder of the asset or the work.
			assert_noop!(link(BANK, copy, Subject::Asset(ASSET)), Error::<Test>::NotWorkstationOrRightHolder);
			assert_noop!(link(BANK, copy, work(artwork)), Error::<Test>::NotWorkstationOrRightHolder);
			assert_ok!(link(STATION, copy, Subject::Asset(ASSET)));
			assert_noop!(link(HOLDER, copy, Subject::Asset(ASSET)), Error::<Test>::AlreadyLinked);
			assert_noop!(
				Evidence::link_infringement(RuntimeOrigin::root(), HashAlgo::Sha256, copy, work(artwork)),
				DispatchError::BadOrigin
			);
		});
	}
}
