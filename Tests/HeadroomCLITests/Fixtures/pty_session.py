#!/usr/bin/env python3
"""Runs a command under a real pseudo-terminal and plays a script of keys at it.

Usage: pty_session.py SCRIPT.json

SCRIPT: {"argv": [...], "cwd": "...", "env": {"NAME": "value" or null to unset}, "controllingTerminal": bool,
         "steps": [{"expect": "text"} | {"send": "keys"} | {"snapshot": true}], "timeout": seconds}
Each "expect" waits (up to the timeout) until the text appears in the output after the point
where the previous expectation matched. Prints one JSON object: the exit status (128+n when
killed by signal n), the raw output, the final screen (the output replayed through a tiny
terminal emulator that understands CR, LF, ESC[nA, ESC[J and ignores SGR colours), whether the
terminal's settings were restored, and the first expectation that was not met, if any.
"""
import fcntl, json, os, re, select, struct, subprocess, sys, termios, time

spec = json.load(open(sys.argv[1]))
timeout = spec.get("timeout", 20)
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
before = termios.tcgetattr(slave)
env = dict(os.environ)
for key, value in spec.get("env", {}).items():
    if value is None:
        env.pop(key, None)
    else:
        env[key] = value
def controlling_terminal():
    # The pty becomes the child's controlling terminal, so Ctrl-C (sent as "\x03") reaches it as
    # SIGINT through the terminal driver, as it does from a real terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

proc = subprocess.Popen(spec["argv"], stdin=slave, stdout=slave, stderr=slave, cwd=spec.get("cwd"),
                        env=env, start_new_session=True,
                        preexec_fn=controlling_terminal if spec.get("controllingTerminal") else None)
output = b""

def pump(wait):
    global output
    ready, _, _ = select.select([master], [], [], wait)
    if ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            return False
        output += data
        return bool(data)
    return False

failed = None
position = 0
snapshots = []
for step in spec["steps"]:
    if "snapshot" in step:
        while pump(0.2):
            pass
        snapshots.append(output)
    if "send" in step:
        time.sleep(0.05)
        os.write(master, step["send"].encode())
    elif "expect" in step:
        wanted = step["expect"].encode()
        deadline = time.time() + timeout
        while output.find(wanted, position) < 0 and time.time() < deadline and proc.poll() is None:
            pump(0.1)
        while output.find(wanted, position) < 0 and pump(0.1):
            pass
        found = output.find(wanted, position)
        if found < 0:
            failed = step["expect"]
            break
        position = found + len(wanted)

try:
    proc.wait(timeout=timeout)
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
    failed = failed or "the process to exit"
while pump(0.2):
    pass
after = termios.tcgetattr(slave)
restored = (after[3] & (termios.ICANON | termios.ECHO | termios.ISIG)) == (before[3] & (termios.ICANON | termios.ECHO | termios.ISIG))
status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode

def screen(raw):
    lines, row, col = [""], 0, 0
    text = raw.decode("utf-8", "replace")
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b":
            m = re.match(r"\x1b\[([0-9;?]*)([A-Za-z])", text[i:])
            if m:
                n = int(m.group(1)) if m.group(1).isdigit() else 1
                if m.group(2) == "A":
                    row = max(0, row - n)
                elif m.group(2) == "J":
                    lines[row] = lines[row][:col]
                    del lines[row + 1:]
                i += len(m.group(0))
                continue
        elif ch == "\r":
            col = 0
        elif ch == "\n":
            row += 1
            col = 0
            while len(lines) <= row:
                lines.append("")
        else:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + ch + line[col + 1:]
            col += 1
        i += 1
    return "\n".join(l.rstrip() for l in lines).rstrip("\n") + "\n"

print(json.dumps({"status": status, "output": output.decode("utf-8", "replace"), "screen": screen(output),
                  "restored": restored, "failed": failed, "snapshots": [screen(s) for s in snapshots]}))
