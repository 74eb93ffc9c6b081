// Syscall numbers: the asm-generic table LKL uses (include/uapi/asm-generic/unistd.h), plus LKL's
// arch-specific calls and LKL Scope's own test channel in the arch-specific range.

export const NR = {
  getcwd: 17,
  renameat: 38,
  ftruncate: 46,
  faccessat: 48,
  fchdir: 50,
  pread64: 67,
  pwrite64: 68,
  renameat2: 276,
  epoll_create1: 20,
  epoll_ctl: 21,
  epoll_pwait: 22,
  dup: 23,
  dup3: 24,
  fcntl: 25,
  mkdirat: 34,
  unlinkat: 35,
  umount2: 39,
  mount: 40,
  chdir: 49,
  openat: 56,
  close: 57,
  pipe2: 59,
  getdents64: 61,
  lseek: 62,
  read: 63,
  write: 64,
  newfstatat: 79,
  fstat: 80,
  exit: 93,
  exit_group: 94,
  nanosleep: 101,
  kexec_load: 104,
  clock_gettime: 113,
  clock_nanosleep: 115,
  syslog: 116,
  sched_setparam: 118,
  sched_setscheduler: 119,
  sched_getscheduler: 120,
  sched_getparam: 121,
  sched_yield: 124,
  kill: 129,
  setpriority: 140,
  getpriority: 141,
  reboot: 142,
  setuid: 146,
  umask: 166,
  getpid: 172,
  getppid: 173,
  getuid: 174,
  gettid: 178,
  clone: 220,
  wait4: 260,
  /** LKL-only (arch-specific range, 244+). */
  virtio_mmio_device_add: 244,
  new_thread_group_leader: 245,
  /** LKL Scope only: a blocking message channel for tests (create, write, read). */
  chan_create: 250,
  chan_write: 251,
  chan_read: 252,
  /** LKL Scope only: panic the kernel (privileged), for crash-kexec tests and the extension. */
  scope_panic: 253,
  /** 400–407 are reserved for the scenario_* calls (scenario/scenarioSyscalls.ts). */
} as const;

export type SyscallName = keyof typeof NR;

/** Highest number the table accepts. */
export const NR_SYSCALLS = 512;

/** reboot(2) magic numbers and commands (include/uapi/linux/reboot.h). */
export const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
export const LINUX_REBOOT_MAGIC2 = 672274793;
export const LINUX_REBOOT_CMD_RESTART = 0x01234567;
export const LINUX_REBOOT_CMD_HALT = 0xcdef0123;
export const LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc;
export const LINUX_REBOOT_CMD_KEXEC = 0x45584543;
