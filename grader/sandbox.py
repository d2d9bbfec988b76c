"""Containment for the worker: what student code may see and what it leaves behind.

Three layers, each used where the platform offers it (the README lists
what each platform gets):

* **Processes** -- on Linux, when the kernel lets us (root, or a kernel
  that allows it), the worker runs as the first process of a new PID
  namespace: when it is killed, the kernel kills every process it started,
  ``setsid`` daemons included. Everywhere, the worker also leads its own
  process group and marks its environment with a token, and the grading
  process kills the group and every process carrying the token.
* **Files** -- on Linux with Landlock (5.13+), the worker may read only the
  Python installation and system folders, the student's own file and the
  data it is given, and write only its scratch folder: the grader's source
  and the reference solutions are neither readable nor writable.
  Under ``/dev`` only the harmless nodes (``null``, ``zero``, ``urandom``,
  ...) and the GPU's are reachable: never a disk, ``/dev/mem`` or ``kmsg``.
* **Privileges** -- a worker started by root drops every capability (and
  empties its bounding set), so it can neither lift its resource limits nor
  read raw devices or kernel memory; uid 0 alone is left, which Landlock
  and the PID namespace contain.
* **Output** -- ``sys.stdout``/``sys.stderr`` keep only the first
  megabyte; the rest is counted and dropped, never held in memory.
"""

from __future__ import annotations

import ctypes
import io
import os
import signal
import sys
from pathlib import Path

try:  # imported with this module: once in the forkserver, not by every worker (~10 ms of each start)
    import landlock
except ImportError:  # Linux only
    landlock = None

TOKEN_VARIABLE = "TORCHKATA_WORKER_TOKEN"
_CLONE_NEWPID = 0x20000000
_PR_SET_PDEATHSIG = 1
_PR_CAPBSET_DROP = 24
_PR_CAP_AMBIENT = 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
# The only device nodes student code may open (GPU nodes are added where they exist).
_HARMLESS_DEVICES = ("null", "zero", "full", "random", "urandom")
_GPU_DEVICE_PREFIXES = ("nvidia", "dri", "kfd")


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def fork_into_pid_namespaces() -> bool:
    """Make every later ``os.fork`` of this process start its child in a PID namespace of its own.

    Called once in the forkserver, whose only forks are the workers: each
    worker is then born the first process of its namespace, and
    :func:`enter_pid_namespace` has nothing left to do. Otherwise every worker
    would fork a second time -- copying, and on exit tearing down, the page
    tables of a process that has torch mapped, about 10 ms of CPU -- and keep
    an idle parent outside. ``unshare`` only picks the namespace of the next
    child; ``setns`` back to our own makes the one after that get a fresh
    one again. Returns False, changing nothing, where the kernel refuses
    either (not root, no Linux).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = _libc()
        own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
    except (OSError, AttributeError):
        return False
    if libc.unshare(_CLONE_NEWPID) != 0 or libc.setns(own, _CLONE_NEWPID) != 0:
        os.close(own)
        return False
    fork = os.fork

    def back() -> None:
        # Failing, it would put every later worker into this one's namespace: stop serving instead.
        if libc.setns(own, _CLONE_NEWPID) != 0:
            os._exit(70)

    def fork_into_namespace() -> int:
        if libc.unshare(_CLONE_NEWPID) != 0:
            return fork()  # the worker tries again itself (enter_pid_namespace)
        try:
            pid = fork()
        except OSError:
            back()
            raise
        if pid == 0:
            os.fork = fork
            os.close(own)
        else:
            back()
        return pid

    os.fork = fork_into_namespace
    return True


def enter_pid_namespace() -> bool:
    """Fork into a new PID namespace; the original process only waits.

    Returns True in the namespace's first process (which goes on to be the
    worker), at once where the worker was born in it
    (:func:`fork_into_pid_namespaces`). Otherwise the process left outside
    waits for it and then exits the same way it did, so the grading process
    still sees "killed by SIGSEGV" or "exit code 3". Returns False, having
    done nothing, where namespaces are not allowed.
    """
    if not sys.platform.startswith("linux"):
        return False
    if os.getpid() == 1:
        return True
    try:
        if _libc().unshare(_CLONE_NEWPID) != 0:
            return False
    except (OSError, AttributeError):
        return False
    child = os.fork()
    if child == 0:
        _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        return True
    _wait_and_mirror(child)
    return False  # unreachable: _wait_and_mirror exits


def _wait_and_mirror(child: int) -> None:
    for fd in range(3, 1024):  # let the pipe close when the child dies
        try:
            os.close(fd)
        except OSError:
            pass
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_capabilities() -> bool:
    """Give up every Linux capability, now and across ``execve``.

    Matters when grading runs as root: without ``CAP_SYS_RESOURCE`` the
    worker cannot raise its memory and file-size limits again, without
    ``CAP_SYS_RAWIO``/``CAP_DAC_*`` it cannot read kernel memory or other
    users' files, and with an empty bounding set no program it runs gets
    them back. Returns True when the worker holds no capability afterwards.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = _libc()
        try:
            last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
        except (OSError, ValueError):
            last = 63
        for cap in range(last + 1):
            libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails harmlessly without CAP_SETPCAP
        libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
        header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
        data = (_CapData * 2)()
        if libc.capset(ctypes.byref(header), data) != 0:
            return False
        libc.capget(ctypes.byref(header), data)
        return all(d.effective == d.permitted == d.inheritable == 0 for d in data)
    except (OSError, AttributeError):
        return False


def mark_environment(token: str) -> None:
    """Tag the worker and every process it starts, for :func:`kill_marked`."""
    os.environ[TOKEN_VARIABLE] = token


def leads_pid_namespace(pid: int) -> bool:
    """Whether process ``pid`` is the first of a PID namespace below ours (read from Linux /proc).

    Killing such a process kills every process it started, and the kernel
    keeps it from leaving the namespace: there is nothing left for
    :func:`kill_marked` to find, which reads all of ``/proc`` to find it.
    """
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    ids = line.split()[1:]
                    return len(ids) > 1 and ids[-1] == "1"
    except OSError:
        pass
    return False


def kill_marked(token: str) -> None:
    """Kill every process whose environment carries ``token`` (Linux /proc)."""
    needle = f"{TOKEN_VARIABLE}={token}".encode()
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def _python_locations() -> set[Path]:
    """Folders Python and its packages are read from."""
    places = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.exec_prefix)}
    places |= {Path(p) for p in sys.path if p and Path(p).is_dir()}
    return {p.resolve() for p in places}


def _readable_entries(folder: Path, hidden: set[Path]) -> list[Path]:
    """``folder`` itself if nothing hidden lies beneath it, else its other entries, recursively."""
    if not any(h == folder or folder in h.parents for h in hidden):
        return [folder]
    if folder in hidden:
        return []
    entries = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    for child in children:
        entries += _readable_entries(child.resolve(), hidden) if child.is_dir() else (
            [] if child.resolve() in hidden or any(h in child.resolve().parents for h in hidden) else [child])
    return entries


def restrict_filesystem(hidden: list[Path], readable: list[Path], writable: list[Path]) -> str:
    """Apply Landlock: read the system and Python, not ``hidden``; write only ``writable``.

    Returns a word for the report of what was applied ("landlock" or why not).
    """
    if not sys.platform.startswith("linux"):
        return "unavailable on this platform"
    if landlock is None:
        return "landlock library missing"
    from landlock import FSAccess
    try:
        if landlock.landlock_abi_version() < 1:
            return "landlock not supported by this kernel"
    except Exception:
        return "landlock not supported by this kernel"
    read_file = FSAccess.READ_FILE | FSAccess.EXECUTE
    read = read_file | FSAccess.READ_DIR
    write_file = FSAccess.WRITE_FILE | (FSAccess.TRUNCATE if landlock.landlock_abi_version() >= 3 else 0)
    everything = FSAccess.all()
    hidden_set = {Path(h).resolve() for h in hidden}
    system = [Path(p) for p in ("/usr", "/lib", "/lib64", "/bin", "/etc", "/proc", "/sys", "/opt")]
    roots = [p for p in system if p.exists()] + sorted(_python_locations())
    ruleset = landlock.Ruleset()
    for root in roots:
        for path in _readable_entries(root.resolve(), hidden_set):
            try:
                ruleset.allow(str(path), rules=read if path.is_dir() else read_file)
            except FileNotFoundError:  # listed beside a hidden path, then deleted (another worker's folder)
                continue
    # Never all of /dev: as root that would open the disks (and with them the
    # references, around every rule here), /dev/mem and the kernel log.
    dev = Path("/dev")
    for name in _HARMLESS_DEVICES:
        if (dev / name).exists():
            ruleset.allow(str(dev / name), rules=read_file | write_file)
    ioctl = FSAccess.IOCTL_DEV if landlock.landlock_abi_version() >= 5 else 0
    try:
        gpu = [entry for entry in dev.iterdir() if entry.name.startswith(_GPU_DEVICE_PREFIXES)]
    except OSError:
        gpu = []
    for path in gpu:
        ruleset.allow(str(path), rules=(read if path.is_dir() else read_file) | write_file | ioctl)
    for path in readable:
        if Path(path).exists():
            ruleset.allow(str(path), rules=read if Path(path).is_dir() else read_file)
    for path in writable:
        ruleset.allow(str(path), rules=everything)
    ruleset.apply()
    _restrict_beyond_files(landlock.landlock_abi_version())
    return "landlock"


class _RulesetAttrV6(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


_SYS_LANDLOCK_CREATE_RULESET = 444
_SYS_LANDLOCK_RESTRICT_SELF = 446
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1, 2


def _restrict_beyond_files(abi: int) -> bool:
    """A second Landlock layer where the kernel has it: no TCP, no signals out.

    ABI 4 (Linux 6.7) can refuse every TCP bind and connect; ABI 6 (6.12)
    can refuse signals to, and abstract UNIX sockets of, any process outside
    the sandbox -- so even without a PID namespace the worker cannot kill
    the grading process. The layer stacks on the file rules above (the
    kernel keeps the strictest of all layers).
    """
    if abi < 4 or not sys.platform.startswith("linux"):
        return False
    attr = _RulesetAttrV6(0, _NET_BIND_TCP | _NET_CONNECT_TCP,
                          _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if abi >= 6 else 0)
    size = ctypes.sizeof(attr) if abi >= 6 else ctypes.sizeof(ctypes.c_uint64) * 2
    try:
        libc = _libc()
        libc.syscall.restype = ctypes.c_long
        fd = libc.syscall(ctypes.c_long(_SYS_LANDLOCK_CREATE_RULESET), ctypes.byref(attr),
                          ctypes.c_size_t(size), ctypes.c_uint32(0))
        if fd < 0:
            return False
        try:
            return libc.syscall(ctypes.c_long(_SYS_LANDLOCK_RESTRICT_SELF), ctypes.c_int(fd),
                                ctypes.c_uint32(0)) == 0
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        return False


class CappedWriter(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and drops the rest."""

    def __init__(self, raw: io.TextIOBase, limit: int) -> None:
        self.raw = raw
        self.limit = limit
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.written < self.limit:
            kept = text[: self.limit - self.written]
            self.raw.write(kept)
            if len(kept) < len(text):
                self.raw.write("\n[output truncated by the grader]\n")
            self.raw.flush()
        self.written += len(text)
        return len(text)

    def flush(self) -> None:
        self.raw.flush()
