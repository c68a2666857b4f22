package dev.farcall.examples.programs.heaphog;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills its heap, catches the {@link OutOfMemoryError} and holds on to the memory forever. Used to
 * show that such a run cannot hurt the coordinator or other runs.
 */
public class Main {

  public static void main(String[] args) throws InterruptedException {
    List<byte[]> hoard = new ArrayList<>();
    try {
      while (true) {
        hoard.add(new byte[1 << 20]);
      }
    } catch (OutOfMemoryError full) {
      hoard.remove(hoard.size() - 1); // room to print
      System.out.println("heap full after " + hoard.size() + " MiB; holding it");
    }
    Thread.sleep(Long.MAX_VALUE);
    System.out.println(hoard.size());
  }
}
