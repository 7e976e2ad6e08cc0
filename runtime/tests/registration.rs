//! A data-IP registration run through the real runtime, built from the `development` preset: notice,
//! an objection, approval, change, transfer, licence, renewal and expiry, with the evidence pallet
//! supplying the cited deposits and the roles pallet the roles.

mod common;

use common::{application, development_chain, now, set_time, START_MS};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResult, GetDispatchInfo},
	traits::UnfilteredDispatchable,
};
use iprchain_primitives::{EvidenceKind, HashAlgo};
use iprchain_runtime::{
	genesis_config_presets::SCENARIO_PERIODS, AccountId, DataIp, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System,
};
use pallet_data_ip::{
	numbers, Action, AssetStatus, DataSourceType, EffectiveStatus, EvidenceRef, HolderType, LicenceKind,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};

type DataIpError = pallet_data_ip::Error<Runtime>;

/// Moves to the next block, `ms` later.
fn advance(ms: u64) {
	System::set_block_number(System::block_number() + 1);
	set_time(now() + ms);
}

fn dispatch(who: AccountId, call: RuntimeCall) -> DispatchResult {
	// Every call the scenario makes must fit a block, as a transaction would have to.
	assert!(call.get_dispatch_info().call_weight.ref_time() > 0);
	call.dispatch_bypass_filter(RuntimeOrigin::signed(who)).map(|_| ()).map_err(|e| e.error)
}

/// Deposits `text` as evidence signed by `who`; returns the reference to cite.
fn deposit(who: AccountId, text: &str, kind: EvidenceKind) -> EvidenceRef {
	let digest = HashAlgo::Sm3.digest(text.as_bytes());
	assert_ok!(dispatch(
		who,
		RuntimeCall::Evidence(pallet_evidence::Call::deposit {
			digest,
			algo: HashAlgo::Sm3,
			kind,
			title: text.as_bytes().to_vec(),
			capture: None,
			on_behalf_of: None,
		})
	));
	EvidenceRef { algo: HashAlgo::Sm3, digest }
}

fn data_ip(call: pallet_data_ip::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::DataIp(call)
}

fn last_data_ip_event() -> pallet_data_ip::Event<Runtime> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::DataIp(event) => Some(event),
			_ => None,
		})
		.expect("a data-ip event")
}

fn status(asset: u64) -> EffectiveStatus {
	DataIp::effective_status(asset, now()).expect("asset exists")
}

#[test]
fn registration_lifecycle_through_the_runtime() {
	development_chain().execute_with(|| {
		assert_eq!(pallet_data_ip::ActivePeriods::<Runtime>::get(), SCENARIO_PERIODS);

		// Bob (holder) applies for a purchased data set, citing the purchase contract he deposited.
		let contract = deposit(Bob.into(), "purchase contract 2026-118", EvidenceKind::Contract);
		let unknown = EvidenceRef { algo: HashAlgo::Sm3, digest: [0xee; 32] };
		assert_noop!(
			dispatch(
				Bob.into(),
				data_ip(pallet_data_ip::Call::apply { holder: Bob.into(), application: application(unknown, "1") })
			),
			DataIpError::UnknownEvidence
		);
		assert_ok!(dispatch(
			Bob.into(),
			data_ip(pallet_data_ip::Call::apply {
				holder: Bob.into(),
				application: application(contract, "3.1 million rows"),
			})
		));
		let asset = 0;
		let notice_until = START_MS + SCENARIO_PERIODS.notice_ms;
		assert_eq!(
			last_data_ip_event(),
			pallet_data_ip::Event::Applied { asset, holder: Bob.into(), notice_until_ms: notice_until }
		);
		assert_eq!(status(asset), EffectiveStatus::UnderNotice);

		// Charlie objects with his own deposit; the registrar cannot approve while it is pending.
		advance(2_000);
		let prior_art = deposit(Charlie.into(), "Charlie's 2025 passenger-flow data", EvidenceKind::Data);
		assert_noop!(
			dispatch(Ferdie.into(), data_ip(pallet_data_ip::Call::object { asset, evidence: prior_art })),
			DataIpError::NoRole
		);
		assert_ok!(dispatch(Charlie.into(), data_ip(pallet_data_ip::Call::object { asset, evidence: prior_art })));
		assert_eq!(status(asset), EffectiveStatus::Objected);
		assert_noop!(
			dispatch(Alice.into(), data_ip(pallet_data_ip::Call::approve { asset })),
			DataIpError::WrongState
		);
		assert_noop!(
			dispatch(Bob.into(), data_ip(pallet_data_ip::Call::resolve_objection { asset, upheld: false })),
			DataIpError::NotRegistrar
		);
		assert_ok!(dispatch(
			Alice.into(),
			data_ip(pallet_data_ip::Call::resolve_objection { asset, upheld: false })
		));
		assert_eq!(status(asset), EffectiveStatus::UnderNotice);

		// Approval only once the notice is over: 1 ms early is refused.
		set_time(notice_until - 1);
		assert_noop!(
			dispatch(Alice.into(), data_ip(pallet_data_ip::Call::approve { asset })),
			DataIpError::NoticeNotOver
		);
		advance(1);
		assert_ok!(dispatch(Alice.into(), data_ip(pallet_data_ip::Call::approve { asset })));
		let valid_until = notice_until + SCENARIO_PERIODS.validity_ms;
		let expected_certificate = numbers::certificate_no(notice_until, 1);
		let expected_registration =
			numbers::registration_no(notice_until, DataSourceType::Purchased, HolderType::LegalPerson, 1);
		assert_eq!(&expected_certificate, b"20261142010000001");
		assert_eq!(&expected_registration[..15], b"202631000000001");
		assert_eq!(
			last_data_ip_event(),
			pallet_data_ip::Event::Registered {
				asset,
				certificate_no: expected_certificate,
				registration_no: expected_registration,
				valid_until_ms: valid_until,
			}
		);
		assert_eq!(DataIp::asset_of_certificate(expected_certificate), Some(asset));
		assert_eq!(DataIp::asset_of_registration(expected_registration), Some(asset));
		assert_eq!(status(asset), EffectiveStatus::Registered);

		// Bob changes the stated scale; the first version stays readable.
		advance(2_000);
		assert_ok!(dispatch(
			Bob.into(),
			data_ip(pallet_data_ip::Call::change { asset, application: application(contract, "4.0 million rows") })
		));
		assert_eq!(DataIp::application_version(asset, 0).unwrap().scale, b"3.1 million rows".to_vec());
		assert_eq!(DataIp::application_version(asset, 1).unwrap().scale, b"4.0 million rows".to_vec());

		// Transfer to Eve (a holder); Dave holds no Holder role and cannot receive it.
		advance(2_000);
		assert_noop!(
			dispatch(Bob.into(), data_ip(pallet_data_ip::Call::transfer { asset, to: Dave.into() })),
			DataIpError::RecipientNotHolder
		);
		assert_ok!(dispatch(Bob.into(), data_ip(pallet_data_ip::Call::transfer { asset, to: Eve.into() })));
		assert_noop!(
			dispatch(Bob.into(), data_ip(pallet_data_ip::Call::renew { asset })),
			DataIpError::NotHolder
		);

		// Eve licenses it exclusively to Dave for an hour; a second licence over that hour conflicts.
		advance(2_000);
		let (start, end) = (now(), now() + 3_600_000);
		assert_ok!(dispatch(
			Eve.into(),
			data_ip(pallet_data_ip::Call::license {
				asset,
				licensee: Dave.into(),
				kind: LicenceKind::Exclusive,
				scope: "Hubei, traffic planning".as_bytes().to_vec(),
				start_ms: start,
				end_ms: end,
			})
		));
		assert_noop!(
			dispatch(
				Eve.into(),
				data_ip(pallet_data_ip::Call::license {
					asset,
					licensee: Charlie.into(),
					kind: LicenceKind::NonExclusive,
					scope: vec![],
					start_ms: end - 1,
					end_ms: end + 1,
				})
			),
			DataIpError::LicenceConflict
		);

		// Renewal opens `renewal_window_ms` before expiry and extends from the old end.
		set_time(valid_until - SCENARIO_PERIODS.renewal_window_ms - 1);
		assert_noop!(
			dispatch(Eve.into(), data_ip(pallet_data_ip::Call::renew { asset })),
			DataIpError::RenewalNotOpen
		);
		advance(1);
		assert_ok!(dispatch(Eve.into(), data_ip(pallet_data_ip::Call::renew { asset })));
		let renewed_until = valid_until + SCENARIO_PERIODS.validity_ms;
		assert_eq!(last_data_ip_event(), pallet_data_ip::Event::Renewed { asset, valid_until_ms: renewed_until });

		// Past the renewed end the registration reads as expired and refuses dispositions.
		set_time(renewed_until - 1);
		assert_eq!(status(asset), EffectiveStatus::Registered);
		advance(1);
		assert_eq!(status(asset), EffectiveStatus::Expired);
		let info = DataIp::asset_info(asset, None).unwrap();
		assert_eq!((info.effective, info.evaluated_at_ms), (EffectiveStatus::Expired, renewed_until));
		assert!(matches!(info.asset.status, AssetStatus::Registered { valid_until_ms, .. } if valid_until_ms == renewed_until));
		assert_noop!(
			dispatch(Eve.into(), data_ip(pallet_data_ip::Call::transfer { asset, to: Charlie.into() })),
			DataIpError::Expired
		);
		assert_noop!(
			dispatch(Eve.into(), data_ip(pallet_data_ip::Call::renew { asset })),
			DataIpError::Expired
		);

		// The history holds every transition in order, each with its signer.
		let history = DataIp::history(asset, 0, 100);
		let actions: Vec<_> = history.iter().map(|entry| entry.action.name()).collect();
		assert_eq!(
			actions,
			[
				"applied",
				"objected",
				"objection-dismissed",
				"registered",
				"changed",
				"transferred",
				"licensed",
				"renewed"
			]
		);
		let actors: Vec<AccountId> = history.iter().map(|entry| entry.actor.clone()).collect();
		assert_eq!(
			actors,
			[Bob, Charlie, Alice, Alice, Bob, Bob, Eve, Eve].map(AccountId::from).to_vec()
		);
		assert_eq!(history[5].action, Action::Transferred { from: Bob.into(), to: Eve.into() });
		assert!(history.windows(2).all(|pair| pair[0].block <= pair[1].block));
	});
}

#[test]
fn council_majority_or_root_set_periods_and_nobody_else() {
	development_chain().execute_with(|| {
		let periods =
			pallet_data_ip::Periods { notice_ms: 1_000, validity_ms: 5_000, renewal_window_ms: 1_000 };
		let set = |origin: RuntimeOrigin, periods| {
			data_ip(pallet_data_ip::Call::set_periods { periods })
				.dispatch_bypass_filter(origin)
				.map(|_| ())
				.map_err(|e| e.error)
		};
		let council = |ayes, of| {
			RuntimeOrigin::from(
				pallet_collective::RawOrigin::<AccountId, pallet_collective::Instance1>::Members(ayes, of),
			)
		};
		assert_noop!(set(RuntimeOrigin::signed(Alice.into()), periods), sp_runtime::DispatchError::BadOrigin);
		assert_noop!(set(council(2, 4), periods), sp_runtime::DispatchError::BadOrigin);
		assert_ok!(set(council(3, 4), periods));
		assert_eq!(pallet_data_ip::ActivePeriods::<Runtime>::get(), periods);

		let window_longer_than_validity = pallet_data_ip::Periods { renewal_window_ms: 6_000, ..periods };
		assert_noop!(set(RuntimeOrigin::root(), window_longer_than_validity), DataIpError::InvalidPeriods);
		assert_ok!(set(RuntimeOrigin::root(), SCENARIO_PERIODS));
		assert_eq!(pallet_data_ip::ActivePeriods::<Runtime>::get(), SCENARIO_PERIODS);
	});
}
