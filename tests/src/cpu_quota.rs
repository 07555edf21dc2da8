//! Lambda's CPU for the cold-start benchmark: a Linux cgroup whose CFS quota is one
//! vCPU during a function's init and memory/1769 of one while it handles requests
//! (AWS: "at 1,769 MB, a function has the equivalent of one vCPU"). Needs root and the
//! cgroup `cpu` controller: cgroup v1 (`/sys/fs/cgroup/cpu/…`, `cpu.cfs_quota_us`) or v2
//! (`/sys/fs/cgroup/…`, `cpu.max`). Every failure is an error: the benchmark never
//! reports unthrottled numbers as Lambda's.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The memory size that has one full vCPU.
pub const FULL_VCPU_MB: u64 = 1769;
/// The smallest CFS quota the kernel accepts.
pub const MIN_QUOTA_US: u64 = 1000;

/// The CFS quota of a function of `memory_mb` in a period of `period_us`: memory/1769
/// of one vCPU (rounded down, at least the kernel's minimum).
pub fn quota_us(memory_mb: u64, period_us: u64) -> u64 {
    (period_us.saturating_mul(memory_mb) / FULL_VCPU_MB).max(MIN_QUOTA_US)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// Where CPU groups can be made on this machine: cgroup v2 when the unified hierarchy
/// is mounted at `/sys/fs/cgroup`, else the v1 `cpu` hierarchy.
pub fn detect() -> Result<(Version, PathBuf), String> {
    let root = Path::new("/sys/fs/cgroup");
    if root.join("cgroup.controllers").exists() {
        let controllers =
            std::fs::read_to_string(root.join("cgroup.controllers")).unwrap_or_default();
        if !controllers.split_whitespace().any(|c| c == "cpu") {
            return Err("cgroup v2 without the cpu controller".into());
        }
        // Children of the root get the cpu controller only when the root delegates it.
        std::fs::write(root.join("cgroup.subtree_control"), "+cpu")
            .map_err(|e| format!("cannot enable the cpu controller (need root): {e}"))?;
        return Ok((Version::V2, root.to_path_buf()));
    }
    for dir in ["cpu", "cpu,cpuacct"] {
        let v1 = root.join(dir);
        if v1.join("cpu.cfs_quota_us").exists() {
            return Ok((Version::V1, v1));
        }
    }
    Err("no cgroup cpu controller under /sys/fs/cgroup (v1 cpu/ or v2 cpu.max)".into())
}

/// One cgroup with a CPU quota; removed when dropped (after its processes ended).
pub struct CpuGroup {
    dir: PathBuf,
    version: Version,
    period_us: u64,
    procs: File,
}

impl CpuGroup {
    /// A new group `name` with a quota of one vCPU per `period_us`.
    pub fn create(name: &str, period_us: u64) -> Result<Self, String> {
        let (version, root) = detect()?;
        let dir = root.join(name);
        std::fs::create_dir(&dir)
            .map_err(|e| format!("cannot create {} (need root): {e}", dir.display()))?;
        let procs = OpenOptions::new()
            .write(true)
            .open(dir.join("cgroup.procs"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let group = CpuGroup {
            dir,
            version,
            period_us,
            procs,
        };
        group.set_quota(period_us)?;
        Ok(group)
    }

    fn write(&self, file: &str, value: &str) -> Result<(), String> {
        std::fs::write(self.dir.join(file), value)
            .map_err(|e| format!("cannot write {value:?} to {file}: {e}"))
    }

    /// Sets the quota (µs of CPU per period), and checks that it holds.
    pub fn set_quota(&self, quota_us: u64) -> Result<(), String> {
        match self.version {
            Version::V1 => {
                self.write("cpu.cfs_period_us", &self.period_us.to_string())?;
                self.write("cpu.cfs_quota_us", &quota_us.to_string())?;
            }
            Version::V2 => self.write("cpu.max", &format!("{quota_us} {}", self.period_us))?,
        }
        if self.quota()? != (quota_us, self.period_us) {
            return Err(format!("the quota {quota_us} µs did not hold"));
        }
        Ok(())
    }

    /// The quota and period in force.
    pub fn quota(&self) -> Result<(u64, u64), String> {
        let read =
            |f: &str| std::fs::read_to_string(self.dir.join(f)).map_err(|e| format!("{f}: {e}"));
        let num = |s: &str| s.trim().parse::<u64>().map_err(|e| format!("{s:?}: {e}"));
        match self.version {
            Version::V1 => Ok((
                num(&read("cpu.cfs_quota_us")?)?,
                num(&read("cpu.cfs_period_us")?)?,
            )),
            Version::V2 => {
                let max = read("cpu.max")?;
                let mut parts = max.split_whitespace();
                let quota = num(parts.next().unwrap_or_default())?;
                let period = num(parts.next().unwrap_or_default())?;
                Ok((quota, period))
            }
        }
    }

    /// How many periods the group's processes were throttled in (`cpu.stat`).
    pub fn throttled_periods(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(self.dir.join("cpu.stat")).ok()?;
        stat.lines()
            .find_map(|l| l.strip_prefix("nr_throttled "))
            .and_then(|n| n.trim().parse().ok())
    }

    /// Makes `command`'s process join this group between fork and exec, so that it
    /// runs under the quota from its first instruction.
    pub fn run_inside(&self, command: &mut Command) {
        let fd = self.procs.as_raw_fd();
        // SAFETY: between fork and exec the closure makes one write(2) on a descriptor
        // opened before the fork ("0" = the calling process); no allocation, no lock.
        unsafe {
            command.pre_exec(move || {
                if libc::write(fd, b"0".as_ptr().cast(), 1) == 1 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
    }
}

impl Drop for CpuGroup {
    fn drop(&mut self) {
        // The processes have been waited for; a zombie may linger for a moment.
        for _ in 0..50 {
            if std::fs::remove_dir(&self.dir).is_ok() || !self.dir.exists() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        eprintln!("warning: could not remove {}", self.dir.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_is_memory_over_1769_of_the_period() {
        // 128 MB: 7.2 % of a vCPU.
        assert_eq!(quota_us(128, 100_000), 7_235);
        assert_eq!(quota_us(128, 20_000), 1_447);
        assert_eq!(quota_us(256, 20_000), 2_894);
        assert_eq!(quota_us(512, 20_000), 5_788);
        assert_eq!(quota_us(1024, 20_000), 11_577);
        assert_eq!(quota_us(1769, 20_000), 20_000, "one full vCPU");
        assert_eq!(quota_us(3538, 20_000), 40_000, "two vCPUs");
    }

    #[test]
    fn the_quota_never_goes_under_the_kernels_minimum() {
        assert_eq!(quota_us(128, 10_000), MIN_QUOTA_US);
        assert_eq!(quota_us(0, 100_000), MIN_QUOTA_US);
    }
}
