package dev.farcall.benchmarks.e2e;

import java.net.ServerSocket;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;

/** Java RMI peer: a no-op remote method served by a child JVM on loopback. */
public final class RmiPeer {

  /** The remote interface. */
  public interface NoopService extends Remote {
    void noop() throws RemoteException;
  }

  /** The server object. */
  static final class NoopServer implements NoopService {
    @Override
    public void noop() {}
  }

  private RmiPeer() {}

  /** Child JVM entry: exports the service, prints READY with the registry port, waits. */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Registry registry = LocateRegistry.createRegistry(port);
    NoopServer server = new NoopServer();
    NoopService stub = (NoopService) UnicastRemoteObject.exportObject(server, 0);
    registry.bind("noop", stub);
    System.out.println("READY " + port);
    System.out.flush();
    ChildJvm.awaitParentExit();
    UnicastRemoteObject.unexportObject(server, true);
    UnicastRemoteObject.unexportObject(registry, true);
    System.exit(0);
  }

  /** The client's stub of the server in {@code child}. */
  static NoopService connect(ChildJvm child) throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    return (NoopService) LocateRegistry.getRegistry("127.0.0.1", child.port()).lookup("noop");
  }
}
