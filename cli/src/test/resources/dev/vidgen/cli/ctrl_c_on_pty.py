# Runs a command on a pseudo-terminal (TERM=xterm), types Ctrl-C once MARKER is on the screen, and
# prints the screen, then "EXIT CODE" (negative: ended by that signal). Usage: MARKER LIMIT_S CMD...
import os, pty, select, signal, sys, time

marker = sys.argv[1].encode()
limit = float(sys.argv[2])
command = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execvp(command[0], command)
screen = b""
typed = False
started = time.time()
status = None
while status is None:
    if time.time() - started > limit:
        os.kill(pid, signal.SIGKILL)
    if not typed and marker in screen:
        os.write(fd, b"\x03")
        typed = True
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            screen += os.read(fd, 4096)
        except OSError:
            pass
    done, waited = os.waitpid(pid, os.WNOHANG)
    if done:
        status = waited
try:
    while select.select([fd], [], [], 0.2)[0]:
        data = os.read(fd, 4096)
        if not data:
            break
        screen += data
except OSError:
    pass
sys.stdout.write(screen.decode("utf-8", "replace"))
code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
sys.stdout.write("\nEXIT %d%s\n" % (code, "" if typed else " (Ctrl-C never typed)"))
