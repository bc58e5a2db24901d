package dev.llmpipeline.local.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A stand-in for a text-to-text model: it writes short, answer-like sentences from templates filled with
 * the prompt's own content words. One word is one token.
 *
 * <p>Greedy decoding is deterministic: the natural length (8 to 200 tokens) and every word follow from a
 * 64-bit hash of the prompt, so the same prompt always gives the same output, in any JVM. Sampling mixes a
 * caller-supplied seed into that hash, so outputs vary from call to call. A generation longer than
 * {@code maxNewTokens} is cut at exactly that many tokens with finish reason {@code length}; otherwise it
 * ends with {@code stop}, as Hugging Face's {@code generate} and TGI report it. Stateless and thread-safe.
 */
final class GreedyTextModel {

    static final int MIN_TOKENS = 8;
    static final int MAX_TOKENS = 200;

    // Sentence templates; each "%" is filled with a word of the prompt, so the answer reads as on topic.
    private static final String[] TEMPLATES = {
        "In short, % is mainly about % and %.",
        "The key point is that % depends on %.",
        "% usually means %, which explains %.",
        "Most sources agree that % comes from %.",
        "This is why % matters for %.",
        "Put simply, % and % work together.",
        "A good example is % in the context of %.",
        "It also helps to compare % with %.",
    };
    private static final Set<String> STOPWORDS = Set.of("what", "which", "who", "why", "how", "when", "where",
            "the", "and", "for", "are", "was", "were", "does", "did", "can", "could", "would", "should", "will",
            "this", "that", "these", "those", "with", "from", "into", "about", "your", "you", "please", "tell",
            "explain", "describe", "give", "write", "summarise", "summarize", "list", "one", "two", "some", "has",
            "have", "its", "their", "there", "then", "than", "not", "all", "any", "our");
    private static final List<String> FALLBACK_WORDS = List.of("context", "detail", "idea", "question", "topic");

    /** What the model produced for one prompt. */
    record Generation(String text, int tokens, String finishReason) {
    }

    /**
     * Generates the greedy (deterministic) output for a prompt.
     *
     * @param prompt       the input text
     * @param maxNewTokens the most tokens to generate, at least 1
     * @return the output
     */
    Generation greedy(String prompt, int maxNewTokens) {
        return generate(prompt, maxNewTokens, new Random(hash(prompt)));
    }

    /**
     * Generates a sampled output: like {@link #greedy} but varying with {@code samplingSeed}.
     *
     * @param prompt       the input text
     * @param maxNewTokens the most tokens to generate, at least 1
     * @param samplingSeed a seed drawn per call
     * @return the output
     */
    Generation sampled(String prompt, int maxNewTokens, long samplingSeed) {
        return generate(prompt, maxNewTokens, new Random(hash(prompt) ^ samplingSeed));
    }

    private static Generation generate(String prompt, int maxNewTokens, Random random) {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
        }
        int naturalLength = MIN_TOKENS + random.nextInt(MAX_TOKENS - MIN_TOKENS + 1);
        int length = Math.min(naturalLength, maxNewTokens);
        List<String> topics = topicsOf(prompt);
        List<String> tokens = new ArrayList<>(length);
        while (tokens.size() < length) {
            String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
            String[] words = template.split(" ");
            for (int i = 0; i < words.length && tokens.size() < length; i++) {
                String word = words[i].replace("%", topics.get(random.nextInt(topics.size())));
                tokens.add(i == 0 ? capitalised(word) : word);
            }
        }
        boolean stops = naturalLength <= maxNewTokens;
        if (stops && !tokens.get(length - 1).endsWith(".")) {
            // The model stopped on its own: it ends its last sentence rather than trailing off.
            tokens.set(length - 1, tokens.get(length - 1).replaceAll("\\p{Punct}+$", "") + ".");
        }
        return new Generation(String.join(" ", tokens), length, stops ? "stop" : "length");
    }

    /** The prompt's content words, or a few neutral nouns when it has none. */
    private static List<String> topicsOf(String prompt) {
        List<String> words = new ArrayList<>();
        for (String raw : prompt.split("\\s+")) {
            String word = raw.replaceAll("[^\\p{L}\\p{N}'-]", "").toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && !STOPWORDS.contains(word)) {
                words.add(word);
            }
        }
        return words.isEmpty() ? FALLBACK_WORDS : words;
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** FNV-1a over UTF-8: fixed by its definition, unlike hash codes a JVM may change. */
    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
