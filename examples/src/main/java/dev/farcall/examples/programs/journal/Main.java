package dev.farcall.examples.programs.journal;

import dev.farcall.api.Farcall;
import dev.farcall.api.RemoteRef;

/** Makes a remote object of a type that writes a file: under Farcall it is refused at once. */
public class Main {

  public static void main(String[] args) throws Exception {
    RemoteRef<Journal> journal = Farcall.remote(Journal::new, "journal.txt");
    System.out.println("entries: " + journal.get(Journal::append, "hello"));
  }
}
