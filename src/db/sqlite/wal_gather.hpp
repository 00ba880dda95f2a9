#pragma once

#include <cstdint>

namespace ws::db {

/// The name of a SQLite VFS that gathers a transaction's WAL writes and
/// hands them to the kernel when the commit frame comes: every frame up to
/// the commit frame's header in writes of up to 128 KiB (the default VFS's
/// largest), then the commit frame's page (architecture.md, "Data"). SQLite
/// writes each frame with two calls (its 24-byte header, then the page), so
/// a commit of 30 pages cost 60 writes, each touching one or two pages of
/// the page cache: about 30 % of the writer thread's time per created task;
/// now it costs 2. Every other call, and every file other than a WAL, goes
/// straight to the default VFS. Registered on the first call; thread-safe.
///
/// Only the writer's connection needs it: no other connection writes the
/// WAL. Other connections see a commit only once SQLite publishes it in the
/// WAL index, after its commit frame's writes returned; a gathered write
/// that fails fails the write call that sent it, so the commit fails and
/// publishes nothing. Frames of a transaction that spills pages before its
/// commit wait until a read, a sync, a lock change or any other call on the
/// WAL file, which all send what is gathered first.
const char* WalGatheringVfs();

/// Writes this VFS has made to WAL files, and their bytes, process-wide.
struct GatheredWrites {
  uint64_t calls = 0;
  uint64_t bytes = 0;
};
GatheredWrites GatheredWalWrites();

namespace testing {
/// The next `count` WAL writes fail as on a full disk (SQLITE_FULL) and
/// write nothing.
void FailWalWrites(int count);
}  // namespace testing

}  // namespace ws::db
