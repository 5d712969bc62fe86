package io.tollgate.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a native agent into a running JVM through the JDK's attach API: how {@code bench/run
 * --profiler async} starts and stops async-profiler in a platform process. ({@code jcmd
 * JVMTI.agent_load} cannot pass async-profiler's options: it reads their {@code =} as its own.)
 */
final class Attach {

  private Attach() {}

  static void main(Args a, PrintStream out) throws Exception {
    String pid = a.required("pid");
    Path agent = Path.of(a.required("agent")).toAbsolutePath();
    String options = a.required("options");
    if (!Files.isRegularFile(agent)) {
      throw new IllegalArgumentException("no agent library at " + agent);
    }
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      vm.loadAgentPath(agent.toString(), options);
    } finally {
      vm.detach();
    }
    out.println("loaded " + agent.getFileName() + " into " + pid + " with " + options);
  }
}
