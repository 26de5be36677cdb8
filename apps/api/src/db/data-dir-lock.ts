import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

/** Raised when another live process already holds the embedded data directory. */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `数据目录 ${dataDir} 正被另一个进程（PID ${pid}）使用；嵌入式数据库只允许一个进程写入。` +
        `请先停止该进程，或设置不同的 DATA_DIR。 / The data directory ${dataDir} is in use by ` +
        `another process (PID ${pid}); the embedded database allows one writer only. Stop that ` +
        `process or set a different DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Holds `DATA_DIR/server.lock` (containing our PID) for as long as the process uses the
 * directory. Two PGlite processes on one directory lose rows or corrupt it, so a second
 * process refuses to start; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new DataDirLockedError(dataDir, pid);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}
