//! Hashing local files and expanding directories into file lists.

use crate::error::ClientError;
use iprchain_primitives::{hashing::StreamHasher, Digest, HashAlgo};
use std::{
	io::Read,
	path::{Path, PathBuf},
};

/// Digest of the file at `path`, read in 1 MiB chunks so large files need little memory.
pub fn hash_file(algo: HashAlgo, path: &Path) -> Result<Digest, ClientError> {
	let io_error = |source| ClientError::Io { path: path.display().to_string(), source };
	let mut file = std::fs::File::open(path).map_err(io_error)?;
	let mut hasher = StreamHasher::new(algo);
	let mut buffer = vec![0u8; 1 << 20];
	loop {
		let read = file.read(&mut buffer).map_err(io_error)?;
		if read == 0 {
			break;
		}
		hasher.update(&buffer[..read]);
	}
	Ok(hasher.finalize())
}

/// The files named by `inputs`: files as given, directories walked recursively in name order, so the
/// same directory always gives the same batch.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ClientError> {
	let mut files = Vec::new();
	for input in inputs {
		let metadata = std::fs::metadata(input)
			.map_err(|source| ClientError::Io { path: input.display().to_string(), source })?;
		if metadata.is_dir() {
			walk(input, &mut files)?;
		} else {
			files.push(input.clone());
		}
	}
	Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ClientError> {
	let io_error = |source| ClientError::Io { path: dir.display().to_string(), source };
	let mut entries = std::fs::read_dir(dir)
		.map_err(io_error)?
		.map(|entry| entry.map(|e| e.path()))
		.collect::<Result<Vec<_>, _>>()
		.map_err(io_error)?;
	entries.sort();
	for path in entries {
		if path.is_dir() {
			walk(&path, files)?;
		} else {
			files.push(path);
		}
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hashes_files_and_walks_directories_in_order() {
		let dir = std::env::temp_dir().join(format!("iprchain-files-{}", std::process::id()));
		std::fs::create_dir_all(dir.join("sub")).unwrap();
		std::fs::write(dir.join("b.txt"), b"abc").unwrap();
		std::fs::write(dir.join("a.txt"), b"x").unwrap();
		std::fs::write(dir.join("sub/c.txt"), b"y").unwrap();
		let files = expand_inputs(std::slice::from_ref(&dir)).unwrap();
		let names: Vec<_> =
			files.iter().map(|p| p.strip_prefix(&dir).unwrap().to_str().unwrap().to_string()).collect();
		assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
		assert_eq!(hash_file(HashAlgo::Sha256, &dir.join("b.txt")).unwrap(), HashAlgo::Sha256.digest(b"abc"));
		let missing = hash_file(HashAlgo::Sha256, &dir.join("missing")).unwrap_err();
		assert!(missing.to_string().contains("missing"), "{missing}");
		std::fs::remove_dir_all(dir).unwrap();
	}
}
