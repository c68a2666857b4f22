package dev.farcall.benchmarks.e2e;

import java.net.ServerSocket;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Java RMI peer, served by a child JVM on loopback: a no-op remote method, and remote counter
 * objects made on request by a remote factory (the remote-objects benchmark's peer).
 */
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

  /** A remote counter object. */
  public interface RemoteCounter extends Remote {
    /** Adds {@code amount}; returns the new value. */
    long add(int amount) throws RemoteException;

    long value() throws RemoteException;
  }

  /** Makes remote counters in the server JVM, as a caller makes a remote object. */
  public interface CounterFactory extends Remote {
    RemoteCounter create(long start) throws RemoteException;
  }

  /**
   * A counter exported as a {@link UnicastRemoteObject}; one call at a time, as a Farcall object
   * runs them.
   */
  static final class CounterServer extends UnicastRemoteObject implements RemoteCounter {
    private static final long serialVersionUID = 1L;
    private long value;

    CounterServer(long start) throws RemoteException {
      this.value = start;
    }

    @Override
    public synchronized long add(int amount) {
      value += amount;
      return value;
    }

    @Override
    public synchronized long value() {
      return value;
    }
  }

  /** The factory; keeps every counter it made exported until the server exits. */
  static final class CounterFactoryServer implements CounterFactory {
    final List<CounterServer> made = new CopyOnWriteArrayList<>();

    @Override
    public RemoteCounter create(long start) throws RemoteException {
      CounterServer counter = new CounterServer(start);
      made.add(counter);
      return counter;
    }
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
    CounterFactoryServer counters = new CounterFactoryServer();
    registry.bind("counters", UnicastRemoteObject.exportObject(counters, 0));
    System.out.println("READY " + port);
    System.out.flush();
    ChildJvm.awaitParentExit();
    UnicastRemoteObject.unexportObject(server, true);
    UnicastRemoteObject.unexportObject(counters, true);
    UnicastRemoteObject.unexportObject(registry, true);
    System.exit(0);
  }

  /** The client's stub of the server in {@code child}. */
  static NoopService connect(ChildJvm child) throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    return (NoopService) LocateRegistry.getRegistry("127.0.0.1", child.port()).lookup("noop");
  }

  /** The counter factory of the server whose registry listens on {@code port}. */
  public static CounterFactory counters(int port) throws Exception {
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
    return (CounterFactory) LocateRegistry.getRegistry("127.0.0.1", port).lookup("counters");
  }
}
